package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Learned absolute positions (GPT-2's {@code wpe}): {@code y[b, t] = x[b, t] + P[t]} with P of
 * shape (context, dim); a sequence of {@code steps ≤ context} uses the first {@code steps} rows.
 */
public final class PositionEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final long context;
    private final Parameter weight;

    /**
     * @param context positions in the table
     * @param dim vector size
     */
    public PositionEmbedding(long context, long dim) {
        super(VERSION);
        this.context = context;
        this.weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(context, dim))
                                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long steps = x.getShape().get(1);
        NDArray p = store.getValue(weight, x.getDevice(), training);
        return new NDList(x.add(steps == context ? p : p.get(new NDIndex(":" + steps))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "PositionEmbedding(" + context + ")";
    }
}
