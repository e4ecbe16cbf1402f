package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Where the padding tokens of the batch being run are: placed on the token ids before the
 * embedding, it passes them through unchanged and remembers {@code ids == pad}, which attention
 * with {@code mask=padding} and mean pooling read later in the same forward pass (a model runs one
 * forward pass at a time).
 */
public final class PaddingMask extends AbstractBlock {

    private static final byte VERSION = 1;

    /** What a hidden score gets: finite, so a row of padding only stays finite (uniform). */
    static final float HIDDEN = -1e9f;

    private final int padId;
    private NDArray pad;

    /**
     * @param padId the token id that marks padding
     */
    public PaddingMask(int padId) {
        super(VERSION);
        if (padId < 0) {
            throw new IllegalArgumentException("a padding token id is >= 0, got " + padId);
        }
        this.padId = padId;
    }

    /** The padding token id. */
    public int padId() {
        return padId;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        pad = ids.eq(padId);
        return inputs;
    }

    /** The additive score mask (B, 1, 1, T): {@link #HIDDEN} on padding keys, 0 elsewhere. */
    NDArray additive(DataType type) {
        NDArray p = current();
        Shape s = p.getShape();
        NDArray hidden = p.getManager().full(s, HIDDEN, type);
        return NDArrays.where(p, hidden, p.getManager().zeros(s, type))
                .reshape(s.get(0), 1, 1, s.get(1));
    }

    /** 1 on real tokens and 0 on padding, (B, T). */
    NDArray kept(DataType type) {
        return current().logicalNot().toType(type, false);
    }

    private NDArray current() {
        if (pad == null) {
            throw new IllegalStateException("the padding mask is read before the tokens were seen");
        }
        return pad;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "PaddingMask(pad=" + padId + ")";
    }
}
