package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * Delta-orthogonal init for conv kernels: every tap is zero except the spatial centre, which holds
 * a Haar-random (out × in) matrix H with orthonormal columns (HᵀH = I), times {@code gain}: {@code
 * W[:, :, c…] = gain·H}, {@code c = k // 2} in each spatial dimension (the centre PyTorch's {@code
 * dirac_} uses, also for even k). H is drawn exactly as {@code orthogonal} draws an (out, in)
 * matrix. The convolution then starts as an orthogonal 1×1 map, so it preserves norms at
 * initialization (dynamical isometry).
 *
 * <p>Needs a conv kernel of rank 3–5 (1-D to 3-D) with out ≥ in. {@link #std} is the
 * root-mean-square of the whole kernel, gain / √(out·k…), since only in·out of its out·in·k…
 * entries are non-zero.
 *
 * <p>Xiao, Bahri, Sohl-Dickstein, Schoenholz &amp; Pennington, "Dynamical Isometry and a Mean Field
 * Theory of CNNs: How to Train 10,000-Layer Vanilla Convolutional Neural Networks", ICML 2018,
 * arXiv:1806.05393 (the delta-orthogonal kernel). Example: {@code delta_orthogonal(gain=auto)}.
 *
 * @param gain the scale (default 1), or auto
 */
public record DeltaOrthogonal(GainArg gain) implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        long[] dims = check(context);
        int out = Math.toIntExact(dims[0]);
        int in = Math.toIntExact(dims[1]);
        float[] h = HaarOrthogonal.sample(manager, out, in, gain.resolve(context));
        int taps = 1;
        int centre = 0;
        for (int d = 2; d < dims.length; d++) {
            taps *= Math.toIntExact(dims[d]);
            centre = centre * Math.toIntExact(dims[d]) + Math.toIntExact(dims[d] / 2);
        }
        float[] w = new float[Math.toIntExact(context.shape().size())];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                w[(o * in + i) * taps + centre] = h[o * in + i];
            }
        }
        return manager.create(w, context.shape());
    }

    @Override
    public double std(ParamContext context) {
        long[] dims = check(context);
        return gain.resolve(context) / Math.sqrt((double) context.shape().size() / dims[1]);
    }

    @Override
    public void checkFits(ParamContext context) {
        check(context);
    }

    private static long[] check(ParamContext context) {
        long[] dims = context.shape().getShape();
        if (dims.length < 3 || dims.length > 5) {
            throw StructuredInitializers.shapeError(
                    "delta_orthogonal", context, "a conv kernel (out, in, k…) of rank 3 to 5");
        }
        if (dims[0] < dims[1]) {
            throw StructuredInitializers.shapeError(
                    "delta_orthogonal",
                    context,
                    "out channels >= in channels (an out × in matrix with orthonormal columns),"
                            + " but "
                            + dims[0]
                            + " < "
                            + dims[1]
                            + "; give layer "
                            + context.layerName()
                            + " at least "
                            + dims[1]
                            + " out channels, or give it another initializer"
                            + " such as orthogonal or he_normal by a rule before this one");
        }
        if (context.shape().size() == 0) {
            throw StructuredInitializers.shapeError(
                    "delta_orthogonal", context, "no zero-sized dimension");
        }
        return dims;
    }

    @Override
    public Call toExpr() {
        return gain.addTo(CallBuilder.call("delta_orthogonal"), "gain").build();
    }
}
