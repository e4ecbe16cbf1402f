package io.kindling.nn;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.Expr;
import io.kindling.config.Position;
import io.kindling.config.Registry;
import java.util.List;

/** The registry of model builders by name. */
public final class Models {

    /** Every model, e.g. {@code mlp(depth=3, width=256, activation=relu)}. */
    public static final Registry<ModelSpec> REGISTRY =
            new Registry<ModelSpec>("model")
                    .register(
                            "mlp",
                            "multi-layer perceptron: depth hidden layers of width units",
                            Models::mlp)
                    .register(
                            "lenet5",
                            "LeNet-5 (LeCun et al. 1998) for 28×28 images: two 5×5 convs"
                                    + " with pooling, three linear layers",
                            Models::lenet5)
                    .register(
                            "cnn",
                            "plain VGG-style CNN, no skips: depth 3×3 convs over stages,"
                                    + " global average pool, linear head",
                            Models::cnn)
                    .register(
                            "resnet",
                            "residual CNN (He et al. 2016) in stages; residual=plain, fixup,"
                                    + " rezero or skipinit",
                            Models::resnet)
                    .register(
                            "resmlp",
                            "residual MLP on rows; residual=plain, fixup, rezero or skipinit",
                            Models::resmlp)
                    .register(
                            "rnn",
                            "Elman RNN over a sequence, batch-first (torch.nn.RNN):"
                                    + " activation=tanh|relu, head=last|steps",
                            a -> recurrent(a, rnnCell(a)))
                    .register(
                            "lstm",
                            "LSTM over a sequence (torch.nn.LSTM), gates i|f|g|o; head=last|steps",
                            a -> recurrent(a, RecurrentCell.LSTM))
                    .register(
                            "gru",
                            "GRU over a sequence (torch.nn.GRU), gates r|z|n; head=last|steps",
                            a -> recurrent(a, RecurrentCell.GRU))
                    .register(
                            "gpt",
                            "decoder-only Transformer language model (GPT-2): gpt(layers, width,"
                                    + " heads, context, vocab=auto, norm=pre|post|deepnorm|none,"
                                    + " tie_embeddings=true, dropout=0, mup_base_width=0)",
                            Models::gpt);

    private Models() {}

    private static Activation activation(Args a, String dflt) {
        return Activations.REGISTRY.create(
                a.expr("activation", new Call(dflt, List.of(), Position.NONE)));
    }

    private static ModelSpec lenet5(Args a) {
        return new Lenet5(
                activation(a, "tanh"),
                a.choice("pool", Lenet5.POOLS.get(0), Lenet5.POOLS.toArray(String[]::new)));
    }

    private static ModelSpec cnn(Args a) {
        int depth = a.positiveInt("depth", 20);
        int width = a.positiveInt("width", 16);
        Activation activation = activation(a, "relu");
        Norm norm = Norm.parse(a.choice("norm", "none", "none", "batch"));
        int stages = a.positiveInt("stages", 3);
        if (depth < stages) {
            throw a.error(
                    "depth",
                    "must be at least stages="
                            + stages
                            + " (every stage needs a conv); raise depth or lower stages");
        }
        return new Cnn(depth, width, activation, norm, stages);
    }

    private static ModelSpec resnet(Args a) {
        int blocks = a.positiveInt("blocks", 9);
        int width = a.positiveInt("width", 16);
        ResidualDesign residual = residual(a);
        Norm norm = norm(a, residual, "batch", "none", "batch");
        Activation activation = activation(a, "relu");
        int stages = a.positiveInt("stages", 3);
        if (blocks < stages) {
            throw a.error(
                    "blocks",
                    "must be at least stages="
                            + stages
                            + " (every stage needs a block); raise blocks or lower stages");
        }
        return new ResNet(blocks, width, norm, residual, activation, stages);
    }

    private static ModelSpec resmlp(Args a) {
        int blocks = a.positiveInt("blocks", 8);
        int width = a.positiveInt("width", 64);
        ResidualDesign residual = residual(a);
        Norm norm = norm(a, residual, "none", "none", "batch", "layer");
        return new ResMlp(blocks, width, norm, residual, activation(a, "relu"));
    }

    private static ModelSpec gpt(Args a) {
        int layers = a.positiveInt("layers", 4);
        int width = a.positiveInt("width", 128);
        int heads = a.positiveInt("heads", 4);
        int context = a.positiveInt("context", 64);
        if (width % heads != 0) {
            throw a.error(
                    "heads",
                    "="
                            + heads
                            + " does not divide width="
                            + width
                            + " (each head gets width/heads features); pick a divisor of "
                            + width);
        }
        Expr v = a.expr("vocab", null);
        int vocab =
                v == null || (v instanceof Call c && c.name().equals("auto") && c.args().isEmpty())
                        ? 0
                        : a.positiveInt("vocab", 0);
        Gpt.Placement norm =
                Gpt.Placement.valueOf(
                        a.choice("norm", "pre", "pre", "post", "deepnorm", "none")
                                .toUpperCase(java.util.Locale.ROOT));
        double dropout = a.nonNegative("dropout", 0);
        if (dropout >= 1) {
            throw a.error("dropout", "must be a drop probability in [0, 1)");
        }
        int base = a.nonNegativeInt("mup_base_width", 0);
        if (base % heads != 0) {
            throw a.error(
                    "mup_base_width",
                    "must be 0 (off) or a multiple of heads=" + heads + ", got " + base);
        }
        return new Gpt(
                layers,
                width,
                heads,
                context,
                vocab,
                norm,
                a.bool("tie_embeddings", true),
                dropout,
                base);
    }

    private static ResidualDesign residual(Args a) {
        return ResidualDesign.of(
                a.choice("residual", "plain", ResidualDesign.NAMES.toArray(String[]::new)));
    }

    /** The norm, whose default is none under fixup (which has no normalization). */
    private static Norm norm(Args a, ResidualDesign residual, String dflt, String... allowed) {
        boolean fixup = residual == ResidualDesign.FIXUP;
        String norm = a.choice("norm", fixup ? "none" : dflt, allowed);
        if (fixup && !norm.equals("none")) {
            throw a.error(
                    "norm",
                    "cannot be used with residual=fixup: Fixup trains without"
                            + " normalization (its scalar biases and multiplier replace it); use"
                            + " norm=none, or residual=plain|rezero|skipinit with norm="
                            + norm);
        }
        return Norm.parse(norm);
    }

    // ---- recurrent families (issue 13) ----

    private static RecurrentCell rnnCell(Args a) {
        return a.choice("activation", "tanh", "tanh", "relu").equals("relu")
                ? RecurrentCell.RNN_RELU
                : RecurrentCell.RNN_TANH;
    }

    private static ModelSpec recurrent(Args a, RecurrentCell cell) {
        int hidden = a.integer("hidden", 64);
        if (hidden < 1) {
            throw a.error("hidden", "must be >= 1 (the hidden units of each layer)");
        }
        int layers = a.integer("layers", 1);
        if (layers < 1) {
            throw a.error("layers", "must be >= 1 (stacked recurrent layers)");
        }
        String head = a.choice("head", "last", "last", "steps");
        return new Recurrent(
                cell,
                hidden,
                layers,
                head.equals("last") ? Recurrent.Head.LAST : Recurrent.Head.STEPS);
    }

    private static ModelSpec mlp(Args a) {
        int depth = a.integer("depth", 2);
        if (depth < 0) {
            throw a.error("depth", "must be >= 0");
        }
        int width = a.positiveInt("width", 256);
        Activation activation = activation(a, "relu");
        double dropout = a.nonNegative("dropout", 0);
        if (dropout >= 1) {
            throw a.error("dropout", "must be a drop probability in [0, 1)");
        }
        Norm norm = Norm.parse(a.choice("norm", "none", "none", "batch", "layer"));
        DropoutType dropoutType =
                DropoutType.parse(
                        a.choice(
                                "dropout_type",
                                DropoutType.STANDARD.text(),
                                DropoutType.texts().toArray(String[]::new)));
        return new Mlp(depth, width, activation, dropout, norm, dropoutType);
    }
}
