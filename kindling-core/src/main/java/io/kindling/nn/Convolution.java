package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.kindling.nn.ExampleShape.Image;
import io.kindling.nn.ExampleShape.Row;

/**
 * Layers on images: the image view of a row, 2-D convolutions, pooling. Each refuses a window that
 * cannot fit what reaches it (a kernel larger than its padded input, a stride that leaves nothing),
 * naming the layer and the smallest input that would fit.
 */
public final class Convolution {

    private Convolution() {}

    /**
     * Views each row as an image (the first layer of every convolutional model).
     *
     * @throws io.kindling.config.ConfigException if the data are not images
     */
    public static Layer images() {
        return b -> {
            InputShape input = b.input();
            if (!input.isImage()) {
                throw b.dataError(
                        "needs images, but the data are a table of "
                                + input.features()
                                + " features; use an image dataset such as fashion-mnist,"
                                + " or mlp(...) or resmlp(...) for tables");
            }
            b.add(RowView.image(input));
            b.reshape(new Image(input.channels(), input.height(), input.width()));
        };
    }

    /**
     * A 2-D convolution with square kernels, PyTorch's {@code nn.Conv2d(in, out, kernel, stride,
     * padding, groups=groups, bias=bias)}. The weight has shape (out, in/groups, k, k); fan-in =
     * in/groups·k², fan-out = out·k² (PyTorch's rule).
     *
     * @throws io.kindling.config.ConfigException if the kernel is larger than the padded input, or
     *     the channels are not divisible by {@code groups}
     */
    public static Layer conv(
            String name,
            long out,
            int kernel,
            int stride,
            int padding,
            int groups,
            boolean bias,
            Activation after) {
        return b -> {
            long in = b.expect(Image.class, name, "a convolution needs images").channels();
            if (groups < 1 || in % groups != 0 || out % groups != 0) {
                throw b.error(
                        name,
                        "groups="
                                + groups
                                + " must divide both its input channels ("
                                + in
                                + ") and output channels ("
                                + out
                                + ")");
            }
            Image next = window(b, name, "kernel", kernel, stride, padding).withChannels(out);
            long receptive = (long) kernel * kernel;
            Conv2d conv =
                    Conv2d.builder()
                            .setFilters((int) out)
                            .setKernelShape(new Shape(kernel, kernel))
                            .optStride(new Shape(stride, stride))
                            .optPadding(new Shape(padding, padding))
                            .optGroups(groups)
                            .optBias(bias)
                            .build();
            b.startLayer(name, after);
            b.add(conv);
            long fanIn = in / groups * receptive;
            long fanOut = out * receptive;
            b.record(
                    conv,
                    "weight",
                    name,
                    new Shape(out, in / groups, kernel, kernel),
                    LayerKind.CONV,
                    Role.WEIGHT,
                    fanIn,
                    fanOut);
            if (bias) {
                b.record(
                        conv,
                        "bias",
                        name,
                        new Shape(out),
                        LayerKind.CONV,
                        Role.BIAS,
                        fanIn,
                        fanOut);
            }
            b.reshape(next);
            b.observe(ProbeKind.OUTPUT);
        };
    }

    /** Max pooling with a square window, PyTorch's {@code nn.MaxPool2d(kernel, stride)}. */
    public static Layer maxPool(int kernel, int stride) {
        return b -> {
            Image next = window(b, "max_pool", "pooling window", kernel, stride, 0);
            b.add(Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)));
            b.reshape(next);
        };
    }

    /** Average pooling with a square window, PyTorch's {@code nn.AvgPool2d(kernel, stride)}. */
    public static Layer avgPool(int kernel, int stride) {
        return b -> {
            Image next = window(b, "avg_pool", "pooling window", kernel, stride, 0);
            b.add(Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)));
            b.reshape(next);
        };
    }

    /** Global average pooling: each channel's mean over the image, giving a row of c values. */
    public static Layer globalAvgPool() {
        return b -> {
            long c =
                    b.expect(Image.class, "global_avg_pool", "global pooling needs images")
                            .channels();
            b.add(Pool.globalAvgPool2dBlock());
            b.add(Blocks.batchFlattenBlock());
            b.reshape(new Row(c));
        };
    }

    /** The image after a square window over the current one (same channels). */
    private static Image window(
            ModelBuilder b, String name, String what, int kernel, int stride, int padding) {
        Image s = b.expect(Image.class, name, "a " + what + " needs images");
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw b.error(
                    name,
                    what
                            + " "
                            + kernel
                            + ", stride "
                            + stride
                            + " and padding "
                            + padding
                            + " must be ≥ 1, ≥ 1 and ≥ 0");
        }
        int stage = b.currentStage();
        if (stride > 1 && (s.height() < stride || s.width() < stride)) {
            throw b.error(
                    name,
                    "stride "
                            + stride
                            + " on a "
                            + s.height()
                            + "×"
                            + s.width()
                            + " input leaves nothing to downsample"
                            + (stage > 1
                                    ? ", so stage "
                                            + stage
                                            + " would be empty; these "
                                            + b.input().height()
                                            + "×"
                                            + b.input().width()
                                            + " images fit at most "
                                            + (stage - 1)
                                            + " stages"
                                    : "")
                            + " (use fewer stages or larger images)");
        }
        long h = s.height() + 2L * padding;
        long w = s.width() + 2L * padding;
        if (kernel > h || kernel > w) {
            throw b.error(
                    name,
                    what
                            + " "
                            + kernel
                            + "×"
                            + kernel
                            + " is larger than its input "
                            + s.height()
                            + "×"
                            + s.width()
                            + (padding > 0 ? " padded by " + padding : "")
                            + "; it fits inputs of at least "
                            + Math.max(1, kernel - 2 * padding)
                            + "×"
                            + Math.max(1, kernel - 2 * padding)
                            + " (use larger images, fewer stages or"
                            + " a smaller kernel)");
        }
        return new Image(s.channels(), (h - kernel) / stride + 1, (w - kernel) / stride + 1);
    }
}
