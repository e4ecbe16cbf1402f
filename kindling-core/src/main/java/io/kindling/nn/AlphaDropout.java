package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.engine.Scalars;

/**
 * Alpha dropout, the dropout that keeps SELU networks self-normalizing (Klambauer, Unterthiner,
 * Mayr &amp; Hochreiter 2017, "Self-Normalizing Neural Networks", arXiv:1706.02515, section "New
 * dropout technique"; PyTorch's {@code nn.AlphaDropout}).
 *
 * <p>Standard dropout sets units to 0, which is not SELU's resting value, so it shifts the mean and
 * variance away from (0, 1). Alpha dropout sets dropped units to SELU's negative saturation value
 * and then applies the affine map that restores zero mean and unit variance:
 *
 * <pre>{@code
 * q  = 1 − p                          keep probability
 * α' = −λ·α ≈ −1.7580993408473766     λ = 1.0507009873554805, α = 1.6732632423543772 (SELU)
 * m  ~ Bernoulli(q), one per element
 * x' = m·x + (1 − m)·α'
 * y  = a·x' + b,   a = (q + α'²·q·p)^(−1/2),   b = −a·α'·p
 * }</pre>
 *
 * <p>For x with mean 0 and variance 1, y has mean 0 and variance 1. In evaluation ({@code
 * training=false}) and for {@code p = 0} the block is the identity. The mask is a constant, so the
 * gradient is {@code dy/dx = a·m}. The block has no parameters.
 *
 * <p>Example: {@code mlp(depth=8, width=256, activation=selu, dropout=0.05, dropout_type=alpha)}.
 */
public final class AlphaDropout extends AbstractBlock {

    /** SELU's scale λ. */
    public static final double SELU_LAMBDA = 1.0507009873554805;

    /** SELU's α. */
    public static final double SELU_ALPHA = 1.6732632423543772;

    /** The value dropped units take before the affine correction: α' = −λ·α. */
    public static final double ALPHA_PRIME = -SELU_LAMBDA * SELU_ALPHA;

    private static final byte VERSION = 1;

    private final double rate;

    /**
     * @param rate drop probability p, in [0, 1)
     * @throws IllegalArgumentException if {@code rate} is outside [0, 1)
     */
    public AlphaDropout(double rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(
                    "alpha dropout rate must be a drop probability in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** The drop probability p. */
    public double rate() {
        return rate;
    }

    /** The scale a = (q + α'²·q·p)^(−1/2) for drop probability {@code p}. */
    public static double scale(double p) {
        double q = 1 - p;
        return 1 / Math.sqrt(q + ALPHA_PRIME * ALPHA_PRIME * q * p);
    }

    /** The shift b = −a·α'·p for drop probability {@code p}. */
    public static double shift(double p) {
        return -scale(p) * ALPHA_PRIME * p;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || rate == 0 || ProbeSession.dropoutQuiet()) {
            return inputs;
        }
        return new NDList(apply(x, keepMask(x, rate), rate));
    }

    /** A fresh mask of x's shape and type: 1 where a unit is kept (probability 1 − p), else 0. */
    static NDArray keepMask(NDArray x, double p) {
        DataType type = x.getDataType();
        NDArray u = x.getManager().randomUniform(0f, 1f, x.getShape(), type);
        // u ∈ [0, 1) uniform, so P(u < q) = q.
        return u.lt(Scalars.like(u, 1 - p)).toType(type, false);
    }

    /**
     * Alpha dropout of {@code x} with a given keep mask, written as {@code y = (a·m)·x + a·α'·(1 −
     * m − p)}, which equals {@code a·(m·x + (1 − m)·α') + b}. Both bracketed factors are constants,
     * so autograd sees one product and one sum.
     *
     * @param x input
     * @param keep 1 where kept, 0 where dropped (any numeric or boolean type, x's shape)
     * @param p drop probability the mask was drawn with
     */
    static NDArray apply(NDArray x, NDArray keep, double p) {
        NDArray m = keep.toType(x.getDataType(), false);
        double a = scale(p);
        NDArray gain = m.mul(Scalars.like(x, a));
        NDArray offset = Scalars.like(x, 1 - p).sub(m).mul(Scalars.like(x, a * ALPHA_PRIME));
        return x.mul(gain).add(offset);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "AlphaDropout(p=" + rate + ")";
    }
}
