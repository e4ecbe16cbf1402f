package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The hidden state of the last step: {@code (N, steps, H) → (N, H)}, PyTorch's {@code out[:, -1]}
 * (for a one-direction layer, the same as the final hidden state {@code h_n[-1]}).
 */
public final class LastStep extends AbstractBlock {

    private static final byte VERSION = 1;

    public LastStep() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().get(new NDIndex(":, -1, :")));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(2))};
    }

    @Override
    public String toString() {
        return "LastStep";
    }
}
