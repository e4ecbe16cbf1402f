package io.kindling.nn;

import ai.djl.nn.Block;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.RNN;
import java.util.List;

/**
 * The cell of a recurrent layer, with its gates in the order PyTorch and DJL pack them into the
 * rows of {@code weight_ih}, {@code weight_hh}, {@code bias_ih} and {@code bias_hh} (each of {@code
 * gates·H} rows):
 *
 * <pre>
 * rnn   h' = act(W_ih x + b_ih + W_hh h + b_hh)                         one block, no gate name
 * lstm  i, f, g, o = σ, σ, tanh, σ (W_i* x + b_i* + W_h* h + b_h*)      rows i | f | g | o
 *       c' = f ⊙ c + i ⊙ g,  h' = o ⊙ tanh(c')
 * gru   r, z = σ(W_i* x + b_i* + W_h* h + b_h*)                          rows r | z | n
 *       n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * Gate names as selectors read them: LSTM {@code input, forget, cell, output}; GRU {@code reset,
 * update, new}. Hochreiter &amp; Schmidhuber 1997 (LSTM); Cho et al. 2014, arXiv:1406.1078 (GRU).
 */
public enum RecurrentCell {
    RNN_TANH("rnn", List.of(), new Activation("tanh", 0)),
    RNN_RELU("rnn", List.of(), Activation.RELU),
    LSTM("lstm", List.of("input", "forget", "cell", "output"), new Activation("tanh", 0)),
    GRU("gru", List.of("reset", "update", "new"), new Activation("tanh", 0));

    /** Every gate name a selector may name, LSTM's then GRU's. */
    public static final List<String> GATES =
            List.of("input", "forget", "cell", "output", "reset", "update", "new");

    private final String family;
    private final List<String> gates;
    private final Activation activation;

    RecurrentCell(String family, List<String> gates, Activation activation) {
        this.family = family;
        this.gates = gates;
        this.activation = activation;
    }

    /** The model expression's name: {@code rnn}, {@code lstm} or {@code gru}. */
    public String family() {
        return family;
    }

    /** Gate names in packed row order; empty for a plain RNN (one block). */
    public List<String> gates() {
        return gates;
    }

    /** Row blocks per packed parameter: 4 (LSTM), 3 (GRU), 1 (RNN). */
    public int blocks() {
        return Math.max(1, gates.size());
    }

    /** The nonlinearity of the hidden state (tanh, or relu for {@code rnn(activation=relu)}). */
    public Activation activation() {
        return activation;
    }

    /**
     * DJL's fused, batch-first block ({@code torch.rnn_tanh/rnn_relu/lstm/gru} underneath); the
     * LSTM evaluates through libtorch's training kernel ({@link TrainingKernelLstm} says why).
     */
    Block block(int hidden, int layers) {
        return switch (this) {
            case RNN_TANH, RNN_RELU ->
                    RNN.builder()
                            .setActivation(
                                    this == RNN_TANH ? RNN.Activation.TANH : RNN.Activation.RELU)
                            .setStateSize(hidden)
                            .setNumLayers(layers)
                            .optBatchFirst(true)
                            .build();
            case LSTM -> TrainingKernelLstm.of(hidden, layers);
            case GRU ->
                    ai.djl
                            .nn
                            .recurrent
                            .GRU
                            .builder()
                            .setStateSize(hidden)
                            .setNumLayers(layers)
                            .optBatchFirst(true)
                            .build();
        };
    }
}
