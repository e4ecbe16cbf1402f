package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * A plain VGG-style convolutional network without skip connections, the baseline that shows what
 * depth does to signal propagation when nothing carries the input past the layers:
 *
 * <pre>
 * image → conv1 … convN (3×3, padding 1), each → [batch norm] → act
 *       → global average pool → head (classes)
 * </pre>
 *
 * The {@code depth} convolutions are split over {@code stages} stages, the remainder going to the
 * earliest stages (depth 5 over 3 stages is 2, 2, 1). Stage s (1-based) has {@code width·2^(s−1)}
 * channels, and its first conv has stride 2 for every stage after the first. Convs have a bias iff
 * {@code norm=none}. Every conv records {@code stage(s)}.
 *
 * <p>Simonyan &amp; Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
 * Recognition", ICLR 2015, arXiv:1409.1556 (3×3 stacks); the CIFAR layout of three stages doubling
 * the width follows He et al. 2016, arXiv:1512.03385, §4.2. Example: {@code cnn(depth=20, width=16,
 * activation=relu, norm=batch, stages=3)}.
 *
 * @param depth number of convolutions (≥ stages)
 * @param width channels of the first stage
 * @param activation the nonlinearity after every conv
 * @param norm {@code none} or {@code batch}
 * @param stages number of resolution levels
 */
public record Cnn(int depth, int width, Activation activation, Norm norm, int stages)
        implements ModelSpec {

    public Cnn {
        require(stages >= 1, "cnn", "stages", ">= 1", stages);
        require(width >= 1, "cnn", "width", ">= 1", width);
        require(
                depth >= stages,
                "cnn",
                "depth",
                "at least stages="
                        + stages
                        + " (every stage needs a conv); raise depth or lower stages",
                depth);
        require(
                norm == Norm.NONE || norm == Norm.BATCH,
                "cnn",
                "norm",
                "none or batch",
                norm.text());
    }

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "plain VGG-style CNN, no skips: depth 3×3 convs over stages, global average pool,"
                    + " linear head";

    /** Reads {@code cnn(...)}; every default is here and every rule in the constructor. */
    public static Cnn fromArgs(Args a) {
        return new Cnn(
                a.integer("depth", 20),
                a.integer("width", 16),
                Activations.read(a, "relu"),
                Norm.parse(a.choice("norm", "none", "none", "batch")),
                a.integer("stages", 3));
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b = new ModelBuilder(this, input).then(Convolution.images());
        boolean bias = norm == Norm.NONE;
        int[] perStage = Stages.split(depth, stages);
        int n = 0;
        for (int s = 1; s <= stages; s++) {
            b.stage(s);
            for (int i = 0; i < perStage[s - 1]; i++) {
                int stride = s > 1 && i == 0 ? 2 : 1;
                String name = "conv" + ++n;
                int w = Stages.width(width, s);
                b.then(Convolution.conv(name, w, 3, stride, 1, 1, bias, activation))
                        .then(Dense.norm(norm))
                        .activate(activation);
            }
        }
        return b.stage(0)
                .then(Convolution.globalAvgPool())
                .then(Dense.linear("head", outputs, Activation.IDENTITY))
                .build();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("cnn")
                .arg("depth", depth)
                .arg("width", width)
                .arg("activation", activation)
                .arg("norm", norm.text())
                .arg("stages", stages)
                .build();
    }
}
