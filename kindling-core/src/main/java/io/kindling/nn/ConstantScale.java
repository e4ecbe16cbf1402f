package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.engine.Scalars;

/**
 * A fixed multiplier on the signal, not learned: DeepNorm's α on the residual, {@code x_{l+1} =
 * LN(α·x_l + G(x_l))} (Wang et al. 2022, arXiv:2203.00555).
 */
public final class ConstantScale extends AbstractBlock {

    private static final byte VERSION = 1;

    private final double factor;

    /**
     * @param factor the multiplier
     */
    public ConstantScale(double factor) {
        super(VERSION);
        this.factor = factor;
    }

    /** The multiplier. */
    public double factor() {
        return factor;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        return new NDList(x.mul(Scalars.like(x, factor)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "Scale(" + factor + ")";
    }
}
