package io.kindling.nn;

import io.kindling.config.Registry;
import java.util.List;

/**
 * The registry of model families by name — one line per family, each family a record that parses
 * itself ({@code fromArgs}) and prints itself ({@code toExpr}) — and the tags their parameters may
 * carry.
 */
public final class Models {

    /** Every model, e.g. {@code mlp(depth=3, width=256, activation=relu)}. */
    public static final Registry<ModelSpec> REGISTRY =
            new Registry<ModelSpec>("model")
                    .register("mlp", Mlp.SUMMARY, Mlp::fromArgs)
                    .register("lenet5", Lenet5.SUMMARY, Lenet5::fromArgs)
                    .register("cnn", Cnn.SUMMARY, Cnn::fromArgs)
                    .register("resnet", ResNet.SUMMARY, ResNet::fromArgs)
                    .register("resmlp", ResMlp.SUMMARY, ResMlp::fromArgs)
                    .register(
                            "rnn",
                            "Elman RNN over a sequence, batch-first (torch.nn.RNN):"
                                    + " activation=tanh|relu, head=last|steps",
                            a -> Recurrent.fromArgs(a, RecurrentCell.RNN_TANH))
                    .register(
                            "lstm",
                            "LSTM over a sequence (torch.nn.LSTM), gates i|f|g|o; head=last|steps",
                            a -> Recurrent.fromArgs(a, RecurrentCell.LSTM))
                    .register(
                            "gru",
                            "GRU over a sequence (torch.nn.GRU), gates r|z|n; head=last|steps",
                            a -> Recurrent.fromArgs(a, RecurrentCell.GRU))
                    .register("gpt", Gpt.SUMMARY, Gpt::fromArgs)
                    .register("encoder", Encoder.SUMMARY, Encoder::fromArgs);

    private Models() {}

    /**
     * Every tag a parameter of a registered family may carry, which init-plan selectors match
     * ({@code name=value}): the core's {@code block} and {@code stage}, then each layer module's. A
     * module that declares a new tag adds it here.
     */
    public static List<TagKey> tags() {
        return List.of(
                ModelBuilder.BLOCK, ModelBuilder.STAGE, Recurrence.GATE, Transformer.PROJECTION);
    }
}
