package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.kindling.nn.ExampleShape.Row;
import io.kindling.nn.ExampleShape.Steps;

/**
 * Layers over sequences of values: the sequence view of a row, fused RNN/LSTM/GRU layers whose
 * packed parameters are sliced into gates, and the last-step read-out.
 */
public final class Recurrence {

    /**
     * The gate a slice of a packed recurrent parameter feeds: LSTM {@code input}, {@code forget},
     * {@code cell}, {@code output}; GRU {@code reset}, {@code update}, {@code new}.
     */
    public static final TagKey GATE =
            TagKey.closed(
                            "gate",
                            "the gate a slice of a packed recurrent parameter feeds",
                            RecurrentCell.GATES)
                    .namingSlices();

    private Recurrence() {}

    /**
     * Views each row as a sequence {@code (steps, perStep)} (the first layer of every recurrent
     * model).
     *
     * @throws io.kindling.config.ConfigException if the data are not a sequence of values
     */
    public static Layer sequence() {
        return b -> {
            InputShape input = b.input();
            if (!input.isSequence() || input.isTokens()) {
                throw b.dataError(
                        "reads a sequence of values, but the data are "
                                + (input.isTokens()
                                        ? input + ", which need an embedding layer first"
                                        : (input.isImage() ? "images of " : "a table of ")
                                                + input
                                                + "; use a sequence dataset (a time series, the"
                                                + " adding problem), or "
                                                + (input.isImage()
                                                        ? "cnn(...) or lenet5 for images"
                                                        : "mlp(...) for tables")));
            }
            b.add(RowView.sequence(input));
            b.reshape(new Steps(input.steps(), input.perStep()));
        };
    }

    /**
     * {@code layers} stacked recurrent layers of {@code hidden} units as one fused DJL block, named
     * like PyTorch's {@code nn.LSTM} fields under {@code cell.family()}: {@code weight_ih_lK} (G·H
     * × in), {@code weight_hh_lK} (G·H × H, role recurrent), {@code bias_ih_lK} (role bias), {@code
     * bias_hh_lK} (role recurrent_bias), G the cell's gate blocks. Fans of a packed tensor are
     * PyTorch's (fan-out G·H); each gate slice ({@link #GATE}) has the fans of its own H × in
     * block. Each stacked layer is one weighted layer of the depth count.
     */
    public static Layer recurrent(RecurrentCell cell, int hidden, int layers) {
        return b -> {
            Steps s =
                    b.expect(
                            Steps.class,
                            cell.family(),
                            "a recurrent layer needs a sequence; call sequence()");
            long h = hidden;
            long rows = cell.blocks() * h;
            Block rnn = cell.block(hidden, layers);
            b.add(rnn);
            for (int l = 0; l < layers; l++) {
                long in = l == 0 ? s.width() : h;
                b.startLayer(cell.family(), cell.activation());
                String p = "l_" + l + "_";
                String k = "_l" + l;
                packed(
                        b,
                        rnn,
                        p + "i2h_WEIGHT",
                        "weight_ih" + k,
                        new Shape(rows, in),
                        Role.WEIGHT,
                        in,
                        rows,
                        cell);
                packed(
                        b,
                        rnn,
                        p + "h2h_WEIGHT",
                        "weight_hh" + k,
                        new Shape(rows, h),
                        Role.RECURRENT,
                        h,
                        rows,
                        cell);
                packed(
                        b,
                        rnn,
                        p + "i2h_BIAS",
                        "bias_ih" + k,
                        new Shape(rows),
                        Role.BIAS,
                        in,
                        rows,
                        cell);
                packed(
                        b,
                        rnn,
                        p + "h2h_BIAS",
                        "bias_hh" + k,
                        new Shape(rows),
                        Role.RECURRENT_BIAS,
                        h,
                        rows,
                        cell);
            }
            b.reshape(new Steps(s.steps(), h));
            b.observe(ProbeKind.OUTPUT);
        };
    }

    /** Keeps the last step's hidden state: {@code (steps, H) → (H)}. */
    public static Layer lastStep() {
        return b -> {
            long h =
                    b.expect(Steps.class, "last_step", "needs a sequence of hidden states").width();
            b.add(new LastStep());
            b.reshape(new Row(h));
        };
    }

    private static void packed(
            ModelBuilder b,
            Block owner,
            String djlName,
            String name,
            Shape s,
            Role role,
            long fanIn,
            long fanOut,
            RecurrentCell cell) {
        b.recordNamed(
                        owner.getParameters().get(djlName),
                        cell.family() + "." + name,
                        s,
                        LayerKind.RECURRENT,
                        role,
                        fanIn,
                        fanOut)
                .slicedBy(GATE, cell.gates());
    }
}
