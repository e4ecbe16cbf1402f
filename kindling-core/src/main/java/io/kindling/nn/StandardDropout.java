package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Standard dropout (PyTorch's {@code nn.Dropout(p)}: zero each unit with probability p and scale
 * the kept ones by 1/(1 − p) in training), computed by DJL's {@link Dropout}, that stays quiet
 * while a {@link ProbeSession} asks for it, so a diagnosis in training mode sees the network
 * without dropout noise.
 */
public final class StandardDropout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Dropout dropout;
    private final double rate;

    /**
     * @param rate drop probability p, in [0, 1)
     */
    public StandardDropout(double rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(
                    "dropout rate must be a drop probability in" + " [0, 1), got " + rate);
        }
        this.rate = rate;
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate((float) rate).build());
    }

    /** The drop probability p. */
    public double rate() {
        return rate;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        if (!training || rate == 0 || ProbeSession.dropoutQuiet()) {
            return inputs;
        }
        return dropout.forward(store, inputs, true, params);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        dropout.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + rate + ")";
    }
}
