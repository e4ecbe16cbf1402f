package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import io.kindling.nn.ExampleShape.Image;
import io.kindling.nn.ExampleShape.Row;
import io.kindling.nn.ExampleShape.Steps;

/**
 * Layers on rows and on every step of a sequence: fully connected layers, normalizations, flatten,
 * and the learnable scalars of residual designs.
 */
public final class Dense {

    private Dense() {}

    /**
     * A fully connected layer {@code y = x·Wᵀ + b} on a row, PyTorch's {@code nn.Linear(in,
     * units)}: W (units, in), fan-in = in, fan-out = units.
     *
     * @param name dotted layer name, e.g. {@code fc1}
     * @param units output features
     * @param after the activation that will follow (recorded for gain-aware inits)
     */
    public static Layer linear(String name, long units, Activation after) {
        return linear(name, units, after, "");
    }

    /**
     * A fully connected layer on a row whose weight and bias carry a {@code projection} tag (a
     * Transformer classifier's {@code head}).
     */
    public static Layer linear(String name, long units, Activation after, String projection) {
        return b -> {
            long in =
                    b.expect(Row.class, name, "a linear layer needs rows; flatten first")
                            .features();
            Linear linear = Linear.builder().setUnits(units).optBias(true).build();
            b.startLayer(name, after);
            b.add(linear);
            recordLinear(b, linear, name, in, units, true, projection);
            b.reshape(new Row(units));
            b.observe(ProbeKind.OUTPUT);
        };
    }

    /**
     * A linear layer applied at every step of a sequence, {@code nn.Linear(in, units, bias)} on the
     * last axis: (B, T, in) → (B, T, units).
     *
     * @param projection the parameters' {@code projection} tag (e.g. {@code mlp_in}), or ""
     */
    public static Layer stepLinear(
            String name, long units, Activation after, String projection, boolean bias) {
        return b -> {
            Steps s =
                    b.expect(
                            Steps.class,
                            name,
                            "a step-wise linear layer needs a sequence of vectors");
            long in = s.width();
            Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
            b.startLayer(name, after);
            b.add(linear);
            recordLinear(b, linear, name, in, units, bias, projection);
            b.reshape(new Steps(s.steps(), units));
            b.observe(ProbeKind.OUTPUT);
        };
    }

    /** Records W (units, in) and b (units) of a linear layer, fans in and units, tagged. */
    static void recordLinear(
            ModelBuilder b,
            Linear linear,
            String name,
            long in,
            long units,
            boolean bias,
            String projection) {
        b.record(
                        linear,
                        "weight",
                        name,
                        new Shape(units, in),
                        LayerKind.LINEAR,
                        Role.WEIGHT,
                        in,
                        units)
                .tag(Transformer.PROJECTION, projection);
        if (bias) {
            b.record(linear, "bias", name, new Shape(units), LayerKind.LINEAR, Role.BIAS, in, units)
                    .tag(Transformer.PROJECTION, projection);
        }
    }

    /**
     * A linear read-out with no activation after it: on a row, or at every step of a sequence
     * ({@code (steps, H) → (steps, units)}).
     */
    public static Layer readout(String name, long units) {
        return b -> {
            if (b.shape() instanceof Row) {
                linear(name, units, Activation.IDENTITY).addTo(b);
            } else {
                stepLinear(name, units, Activation.IDENTITY, "", true).addTo(b);
            }
        };
    }

    /**
     * A normalization after the last layer: {@code batch} (over channels for images, over features
     * for rows, PyTorch's {@code BatchNorm2d}/{@code BatchNorm1d}), {@code layer} (rows only), or
     * {@code none}.
     */
    public static Layer norm(Norm kind) {
        return b -> {
            if (kind == Norm.NONE) {
                return;
            }
            String layer = b.lastLayer();
            b.require(
                    kind == Norm.BATCH || b.shape() instanceof Row,
                    layer,
                    "layer norm is for rows; use norm=batch on images");
            long c;
            if (b.shape() instanceof Row r) {
                c = r.features();
            } else if (b.shape() instanceof Image i) {
                c = i.channels();
            } else {
                throw b.error(layer, "batch norm needs rows or images");
            }
            Block norm =
                    kind == Norm.BATCH
                            ? BatchNorm.builder().build()
                            : LayerNorm.builder().axis(1).build();
            b.add(norm);
            String name = layer + "." + kind.text() + "_norm";
            Shape s = new Shape(c);
            b.record(norm, "gamma", name, s, LayerKind.NORM, Role.GAIN, c, c);
            b.record(norm, "beta", name, s, LayerKind.NORM, Role.SHIFT, c, c);
            if (kind == Norm.BATCH) {
                b.record(norm, "runningMean", name, s, LayerKind.NORM, Role.BUFFER, c, c);
                b.record(norm, "runningVar", name, s, LayerKind.NORM, Role.BUFFER, c, c);
            }
        };
    }

    /** Layer norm over the features of every step, {@code nn.LayerNorm(dim)} (ε = 1e-5). */
    public static Layer featureNorm(String name) {
        return b -> {
            long c =
                    b.expect(Steps.class, name, "feature norm needs a sequence of vectors").width();
            LayerNorm norm = LayerNorm.builder().axis(2).build();
            b.add(norm);
            Shape s = new Shape(c);
            b.record(norm, "gamma", name, s, LayerKind.NORM, Role.GAIN, c, c);
            b.record(norm, "beta", name, s, LayerKind.NORM, Role.SHIFT, c, c);
        };
    }

    /** Flattens an image (or a sequence) to a row of all its values; nothing to do on a row. */
    public static Layer flatten() {
        return b -> {
            long n;
            if (b.shape() instanceof Image i) {
                n = i.channels() * i.height() * i.width();
            } else if (b.shape() instanceof Steps s) {
                n = s.steps() * s.width();
            } else {
                return; // a row already; token ids are read by an embedding, not flattened
            }
            b.add(Blocks.batchFlattenBlock());
            b.reshape(new Row(n));
        };
    }

    /**
     * A learnable scalar on the signal: a bias ({@code Role.BIAS}, added), a multiplier ({@code
     * Role.SCALE}) or a branch gate ({@code Role.GATE}). It sits outside the residual position and
     * takes the depth of the latest weighted layer (1 before any).
     *
     * @param name dotted name, e.g. {@code stage1.block2.bias1a}
     */
    public static Layer scalar(String name, Role role) {
        return b -> {
            ScalarBlock s =
                    new ScalarBlock(
                            role == Role.BIAS ? ScalarBlock.Op.ADD : ScalarBlock.Op.MULTIPLY);
            b.add(s);
            b.recordNamed(
                            s.value(),
                            name + "." + role.label(),
                            new Shape(1),
                            LayerKind.SCALAR,
                            role,
                            1,
                            1)
                    .atDepth(Math.max(1, b.depth()));
        };
    }
}
