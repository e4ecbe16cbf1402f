package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.engine.Compute;

/**
 * A lookup table of {@code num} learned vectors of {@code dim} values, PyTorch's {@code
 * nn.Embedding(num, dim)}: weight (num, dim), row i is token i's vector. Input: token ids {@code
 * (B, steps)} stored as floats (exact below 2²⁴), cast to int64; output {@code (B, steps, dim)}.
 * The lookup is libtorch's {@code embedding} (a row gather, differentiable in the weight).
 *
 * <p>PyTorch initializes the weight from N(0, 1); Kindling's init plan decides (the builder records
 * the layer as {@link LayerKind#EMBEDDING}, fan-in = dim and fan-out = num by PyTorch's rule on a
 * 2-D weight).
 */
public final class TokenEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final long num;
    private final long dim;
    private final Parameter weight;

    /**
     * @param num vocabulary size (rows)
     * @param dim vector size (columns)
     */
    public TokenEmbedding(long num, long dim) {
        super(VERSION);
        this.num = num;
        this.dim = dim;
        this.weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(num, dim))
                                .build());
    }

    /** The table, shape (num, dim). */
    public Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        Shape s = ids.getShape();
        NDArray w = store.getValue(weight, ids.getDevice(), training);
        NDArray index = ids.toType(DataType.INT64, false).reshape(-1);
        return new NDList(Compute.rows(w, index).reshape(s.get(0), s.get(1), dim));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), dim)};
    }

    @Override
    public String toString() {
        return "Embedding(" + num + ", " + dim + ")";
    }
}
