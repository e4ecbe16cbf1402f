package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One learnable scalar added to or multiplied into every value: Fixup's scalar biases and
 * multiplier (Zhang et al. 2019), ReZero's and SkipInit's branch gate α (Bachlechner et al. 2020;
 * De &amp; Smith 2020). Its value comes from the init plan like any parameter's.
 */
public final class ScalarBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Whether the scalar is added or multiplied. */
    public enum Op {
        ADD,
        MULTIPLY
    }

    private final Op op;
    private final Parameter value;

    /**
     * @param op add (a bias) or multiply (a gain or gate)
     */
    public ScalarBlock(Op op) {
        super(VERSION);
        this.op = op;
        this.value =
                addParameter(
                        Parameter.builder()
                                .setName("value")
                                .setType(op == Op.ADD ? Parameter.Type.BIAS : Parameter.Type.GAMMA)
                                .optShape(new Shape(1))
                                .build());
    }

    /** The scalar's parameter. */
    public Parameter value() {
        return value;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray v = store.getValue(value, x.getDevice(), training);
        return new NDList(op == Op.ADD ? x.add(v) : x.mul(v));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return op == Op.ADD ? "ScalarBias" : "ScalarGain";
    }
}
