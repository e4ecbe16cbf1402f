package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual block: {@code y = branch(x) + shortcut(x)}, the shortcut being the identity or a
 * projection (a strided 1×1 conv when the block changes resolution or width). What follows the sum
 * (an activation, the stream's probe) belongs to the enclosing sequence.
 */
public final class ResidualBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock branch;
    private final SequentialBlock shortcut;

    /**
     * @param branch the residual branch F
     * @param shortcut the projection, or null for the identity
     */
    public ResidualBlock(SequentialBlock branch, SequentialBlock shortcut) {
        super(VERSION);
        this.branch = addChildBlock("branch", branch);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList f = branch.forward(store, inputs, training, params);
        NDList skip = shortcut == null ? inputs : shortcut.forward(store, inputs, training, params);
        return new NDList(f.singletonOrThrow().add(skip.singletonOrThrow()));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        branch.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return branch.getOutputShapes(inputShapes);
    }

    @Override
    public String toString() {
        return "Residual(" + branch + (shortcut == null ? "" : " + " + shortcut) + ")";
    }
}
