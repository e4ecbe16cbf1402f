package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.Objects;

/**
 * A multi-layer perceptron: {@code depth} hidden layers of {@code width} units, each {@code linear
 * → [norm] → activation → [dropout]}, then a linear classifier.
 *
 * <p>Example: {@code mlp(depth=3, width=256, activation=relu, dropout=0.1, norm=batch)} has four
 * linear layers (three hidden, one output). {@code dropout} is the probability of <em>dropping</em>
 * a unit, as in PyTorch's {@code nn.Dropout(p)}. With {@code dropout_type=alpha} the same rate
 * drives {@link AlphaDropout} instead, which keeps a SELU network's activations at mean 0 and
 * variance 1: {@code mlp(depth=8, width=256, activation=selu, dropout=0.05, dropout_type=alpha)}.
 *
 * @param depth number of hidden layers (≥ 0)
 * @param width units per hidden layer
 * @param activation nonlinearity after each hidden layer
 * @param dropout drop probability after each hidden activation, in [0, 1)
 * @param norm {@code none}, {@code batch} or {@code layer}, applied before the activation
 * @param dropoutType {@code standard} (DJL's {@code Dropout}: zero and rescale by 1/(1 − p)) or
 *     {@code alpha} ({@link AlphaDropout}, for SELU networks)
 */
public record Mlp(
        int depth,
        int width,
        Activation activation,
        double dropout,
        Norm norm,
        DropoutType dropoutType)
        implements ModelSpec {

    public Mlp {
        require(depth >= 0, "mlp", "depth", ">= 0 (hidden layers)", depth);
        require(width >= 1, "mlp", "width", ">= 1", width);
        require(
                dropout >= 0 && dropout < 1,
                "mlp",
                "dropout",
                "a drop probability in [0, 1)",
                dropout);
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(dropoutType, "dropoutType");
    }

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "multi-layer perceptron: depth hidden layers of width units";

    /** Reads {@code mlp(...)}; every default is here and every rule in the constructor. */
    public static Mlp fromArgs(Args a) {
        return new Mlp(
                a.integer("depth", 2),
                a.integer("width", 256),
                Activations.read(a, "relu"),
                a.number("dropout", 0),
                Norm.parse(a.choice("norm", "none", "none", "batch", "layer")),
                DropoutType.parse(
                        a.choice(
                                "dropout_type",
                                DropoutType.STANDARD.text(),
                                DropoutType.texts().toArray(String[]::new))));
    }

    /** An MLP with standard dropout. */
    public Mlp(int depth, int width, Activation activation, double dropout, Norm norm) {
        this(depth, width, activation, dropout, norm, DropoutType.STANDARD);
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b = new ModelBuilder(this, input);
        for (int i = 1; i <= depth; i++) {
            b.then(Dense.linear("layer" + i, width, activation))
                    .then(Dense.norm(norm))
                    .activate(activation)
                    .dropout(dropout, dropoutType);
        }
        return b.then(Dense.linear("layer" + (depth + 1), outputs, Activation.IDENTITY)).build();
    }

    @Override
    public Call toExpr() {
        CallBuilder b =
                CallBuilder.call("mlp")
                        .arg("depth", depth)
                        .arg("width", width)
                        .arg("activation", activation)
                        .arg("dropout", dropout)
                        .arg("norm", norm.text());
        // The default is left out so expressions printed before dropout_type existed stay the same.
        if (dropoutType != DropoutType.STANDARD) {
            b.arg("dropout_type", dropoutType.text());
        }
        return b.build();
    }
}
