package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.Locale;
import java.util.Objects;

/**
 * A recurrent network over a sequence: {@code layers} stacked RNN, LSTM or GRU layers of {@code
 * hidden} units (DJL's fused blocks, which call libtorch's {@code rnn_tanh/rnn_relu/lstm/gru} as
 * {@code torch.nn.RNN/LSTM/GRU(batch_first=True)} do), then a linear head: {@code head=last} reads
 * the last step's hidden state ({@code (N, outputs)}, for a value or a class per sequence), {@code
 * head=steps} reads every step ({@code (N, steps, outputs)}, for a class per step).
 *
 * <p>Parameters are named as in a PyTorch module with fields {@code lstm} and {@code head}: {@code
 * lstm.weight_ih_l0} (4H × in), {@code lstm.weight_hh_l0} (4H × H), {@code lstm.bias_ih_l0}, {@code
 * lstm.bias_hh_l0} per layer, then {@code head.weight}, {@code head.bias}. Each gate's block of
 * rows is a slice the init plan can address ({@code recurrent & gate=forget}).
 *
 * <p>Examples: {@code lstm(hidden=128, layers=1)}, {@code gru(hidden=64, layers=2)}, {@code
 * rnn(hidden=100, layers=1, activation=relu)} (IRNN with {@code init: irnn}).
 *
 * @param cell the cell (rnn with tanh or relu, lstm, gru)
 * @param hidden hidden units per layer (H ≥ 1)
 * @param layers stacked layers (≥ 1)
 * @param head {@code last} or {@code steps}
 */
public record Recurrent(RecurrentCell cell, int hidden, int layers, Head head)
        implements ModelSpec {

    /** Where the linear head reads the hidden states. */
    public enum Head {
        /** The last step only: {@code (N, outputs)}. */
        LAST,
        /** Every step: {@code (N, steps, outputs)}. */
        STEPS;

        /** The expression's text, {@code last} or {@code steps}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Recurrent {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(head, "head");
        require(
                hidden >= 1,
                cell.family(),
                "hidden",
                ">= 1 (the hidden units of each layer)",
                hidden);
        require(layers >= 1, cell.family(), "layers", ">= 1 (stacked recurrent layers)", layers);
    }

    /** Reads {@code rnn(...)}, {@code lstm(...)} or {@code gru(...)} over the cell's family. */
    public static Recurrent fromArgs(Args a, RecurrentCell cell) {
        RecurrentCell c = cell;
        if (cell == RecurrentCell.RNN_TANH || cell == RecurrentCell.RNN_RELU) {
            c =
                    a.choice("activation", "tanh", "tanh", "relu").equals("relu")
                            ? RecurrentCell.RNN_RELU
                            : RecurrentCell.RNN_TANH;
        }
        Head head =
                a.choice("head", "last", "last", "steps").equals("last") ? Head.LAST : Head.STEPS;
        return new Recurrent(c, a.integer("hidden", 64), a.integer("layers", 1), head);
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b =
                new ModelBuilder(this, input)
                        .then(Recurrence.sequence())
                        .then(Recurrence.recurrent(cell, hidden, layers));
        if (head == Head.LAST) {
            b.then(Recurrence.lastStep());
        }
        return b.then(Dense.readout("head", outputs)).build();
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call(cell.family()).arg("hidden", hidden).arg("layers", layers);
        if (cell == RecurrentCell.RNN_TANH || cell == RecurrentCell.RNN_RELU) {
            b.arg("activation", cell.activation());
        }
        return b.arg("head", head.text()).build();
    }
}
