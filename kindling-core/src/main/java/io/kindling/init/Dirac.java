package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * The Dirac delta for a 3-, 4- or 5-D convolution weight (out, in, k...), as {@code
 * torch.nn.init.dirac_}: all zeros except, for each group {@code g} and {@code i < min(out/groups,
 * in)}, {@code w[g·out/groups + i, i, k₁/2, k₂/2, ...] = 1}, so the convolution copies its first
 * input channels (per group) to its outputs. Deterministic, so {@link #std} is 0 as for constants.
 *
 * <p>Zagoruyko &amp; Komodakis, "DiracNets: Training Very Deep Neural Networks Without
 * Skip-Connections", 2017, arXiv:1706.00388. Example: {@code dirac(groups=2)}.
 *
 * @param groups number of convolution groups, {@code > 0}, dividing {@code out}
 */
public record Dirac(int groups) implements Initializer {

    public Dirac {
        Check.argument(groups > 0, "dirac", "groups", "an integer > 0", groups);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        long[] dims = context.shape().getShape();
        if (dims.length < 3 || dims.length > 5) {
            throw new IllegalArgumentException(
                    "dirac needs a 3-, 4- or 5-D convolution weight "
                            + "(out, in, k...), got shape "
                            + context.shape()
                            + " for "
                            + context.name());
        }
        if (dims[0] % groups != 0) {
            throw new IllegalArgumentException(
                    "dirac(groups="
                            + groups
                            + ") needs out channels "
                            + "divisible by groups, got shape "
                            + context.shape()
                            + " for "
                            + context.name());
        }
        long perGroup = dims[0] / groups;
        long[] strides = new long[dims.length];
        strides[dims.length - 1] = 1;
        for (int i = dims.length - 2; i >= 0; i--) {
            strides[i] = strides[i + 1] * dims[i + 1];
        }
        long centre = 0;
        for (int i = 2; i < dims.length; i++) {
            centre += dims[i] / 2 * strides[i];
        }
        float[] w = new float[Math.toIntExact(context.shape().size())];
        for (long g = 0; g < groups; g++) {
            for (long i = 0; i < Math.min(perGroup, dims[1]); i++) {
                w[(int) ((g * perGroup + i) * strides[0] + i * strides[1] + centre)] = 1;
            }
        }
        return manager.create(w, context.shape());
    }

    @Override
    public double std(ParamContext context) {
        return 0;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("dirac").arg("groups", groups).build();
    }
}
