package io.kindling.engine.check;

import io.kindling.config.Call;
import io.kindling.config.Position;
import io.kindling.nn.Activation;
import io.kindling.nn.Convolution;
import io.kindling.nn.Dense;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.ModelBuilder;
import io.kindling.nn.ModelSpec;
import io.kindling.nn.Norm;
import io.kindling.nn.Recurrence;
import io.kindling.nn.RecurrentCell;
import io.kindling.nn.SelfAttention;
import io.kindling.nn.Transformer;
import java.util.List;

/**
 * Builds the Kindling model of a golden case with {@link ModelBuilder}, the builder every family
 * uses, so that the check runs Kindling's own blocks exactly as a training run does: the LSTM that
 * evaluates through the training kernel, DJL's fused GRU and RNN, {@code Conv2d}, {@code BatchNorm}
 * and {@code LayerNorm} as the builder configures them, {@code SelfAttention} (causal), {@code
 * Linear}. Each model holds the one operation (after the row view every model starts with), so a
 * mismatch names it.
 */
final class CaseModels {

    /** The operations a golden case may name. */
    static final List<String> OPS =
            List.of(
                    "lstm",
                    "gru",
                    "rnn_tanh",
                    "conv2d",
                    "batch_norm",
                    "layer_norm",
                    "attention",
                    "linear");

    private CaseModels() {}

    /** Names the case in the builder's error messages; it is never parsed or built. */
    private record CaseSpec(String op) implements ModelSpec {
        @Override
        public Model build(InputShape input, int outputs) {
            throw new UnsupportedOperationException("a golden case's model is built by CaseModels");
        }

        @Override
        public Call toExpr() {
            return new Call(op, List.of(), Position.NONE);
        }
    }

    /**
     * The model of {@code c}: its input is a batch of rows, {@code (N, features)}, as Kindling's
     * data pipeline feeds every model.
     *
     * @throws IllegalArgumentException if the case names an unknown operation or an input of the
     *     wrong rank for it
     */
    static Model build(GoldenCase c) {
        List<Long> s = c.input().shape();
        ModelSpec spec = new CaseSpec(c.op());
        return switch (c.op()) {
            case "lstm", "gru", "rnn_tanh" ->
                    sequence(spec, c, s)
                            .then(
                                    Recurrence.recurrent(
                                            cell(c.op()), c.intArg("hidden"), c.intArg("layers")))
                            .build();
            case "conv2d" ->
                    image(spec, c, s)
                            .then(
                                    Convolution.conv(
                                            "conv",
                                            c.intArg("out"),
                                            c.intArg("kernel"),
                                            c.intArg("stride"),
                                            c.intArg("padding"),
                                            c.intArg("groups"),
                                            true,
                                            Activation.IDENTITY))
                            .build();
            case "batch_norm" ->
                    (s.size() == 4 ? image(spec, c, s) : rows(spec, c, s))
                            .then(Dense.norm(Norm.BATCH))
                            .build();
            case "layer_norm" ->
                    s.size() == 3
                            ? sequence(spec, c, s).then(Dense.featureNorm("layer_norm")).build()
                            : rows(spec, c, s).then(Dense.norm(Norm.LAYER)).build();
            case "attention" ->
                    sequence(spec, c, s)
                            .then(
                                    Transformer.attention(
                                            "attention",
                                            c.intArg("heads"),
                                            c.arg("scale"),
                                            SelfAttention.Mask.CAUSAL,
                                            null))
                            .build();
            case "linear" ->
                    s.size() == 3
                            ? sequence(spec, c, s)
                                    .then(Dense.readout("linear", c.intArg("out")))
                                    .build()
                            : rows(spec, c, s)
                                    .then(
                                            Dense.linear(
                                                    "linear", c.intArg("out"), Activation.IDENTITY))
                                    .build();
            default ->
                    throw new IllegalArgumentException(
                            "golden case "
                                    + c.name()
                                    + " names the operation "
                                    + c.op()
                                    + "; accepted: "
                                    + OPS);
        };
    }

    private static RecurrentCell cell(String op) {
        return switch (op) {
            case "lstm" -> RecurrentCell.LSTM;
            case "gru" -> RecurrentCell.GRU;
            default -> RecurrentCell.RNN_TANH;
        };
    }

    private static ModelBuilder sequence(ModelSpec spec, GoldenCase c, List<Long> s) {
        rank(c, s, 3, "(batch, steps, features)");
        return new ModelBuilder(spec, InputShape.sequence(s.get(1).intValue(), s.get(2).intValue()))
                .then(Recurrence.sequence());
    }

    private static ModelBuilder image(ModelSpec spec, GoldenCase c, List<Long> s) {
        rank(c, s, 4, "(batch, channels, height, width)");
        return new ModelBuilder(
                        spec,
                        InputShape.image(
                                s.get(1).intValue(), s.get(2).intValue(), s.get(3).intValue()))
                .then(Convolution.images());
    }

    private static ModelBuilder rows(ModelSpec spec, GoldenCase c, List<Long> s) {
        rank(c, s, 2, "(batch, features)");
        return new ModelBuilder(spec, InputShape.flat(s.get(1)));
    }

    private static void rank(GoldenCase c, List<Long> s, int rank, String layout) {
        if (s.size() != rank) {
            throw new IllegalArgumentException(
                    "golden case "
                            + c.name()
                            + ": "
                            + c.op()
                            + " needs an input "
                            + layout
                            + ", got shape "
                            + s);
        }
    }
}
