package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.engine.Scalars;

/**
 * A language-model head that reuses the token embedding as its weight (weight tying, Press &amp;
 * Wolf 2017, arXiv:1608.05859; GPT-2's {@code lm_head.weight = wte.weight}): {@code logits =
 * m·x·Eᵀ} with E the (vocab, dim) table and m a fixed readout multiplier (1, or μP's
 * base_width/width). It owns no parameter: the embedding's gradient collects both uses.
 */
public final class TiedHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Parameter table;
    private final long vocab;
    private final double multiplier;

    /**
     * @param table the embedding's weight (vocab, dim)
     * @param vocab its rows
     * @param multiplier the readout multiplier m
     */
    public TiedHead(Parameter table, long vocab, double multiplier) {
        super(VERSION);
        this.table = table;
        this.vocab = vocab;
        this.multiplier = multiplier;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(table, x.getDevice(), training);
        NDArray logits = Linear.linear(x, w).singletonOrThrow();
        return new NDList(multiplier == 1 ? logits : logits.mul(Scalars.like(x, multiplier)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), vocab)};
    }

    @Override
    public String toString() {
        return "TiedHead";
    }
}
