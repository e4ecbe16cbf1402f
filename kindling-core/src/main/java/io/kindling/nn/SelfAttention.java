package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.engine.Scalars;
import java.util.List;
import java.util.Map;

/**
 * Multi-head self-attention, written with engine ops, with the mask its model needs:
 *
 * <pre>
 * q, k, v = x·W_qᵀ + b_q, x·W_kᵀ + b_k, x·W_vᵀ + b_v          each (B, T, C) → (B, H, T, C/H)
 * A = softmax(s · q·kᵀ + M)
 * y = concat_heads(A·v)·W_oᵀ + b_o
 *
 * mask=causal   M[t, u] = 0 for u ≤ t, −∞ for u &gt; t       a decoder (GPT-2)
 * mask=none     M = 0                                      a bidirectional encoder (BERT)
 * mask=padding  M[b, u] = −10⁹ where token u of example b is padding, else 0
 *               (torch's key_padding_mask; a finite value keeps an all-padding row finite)
 * </pre>
 *
 * The score scale s is 1/√(C/H) (Vaswani et al. 2017, arXiv:1706.03762) or, under μP, proportional
 * to 1/(C/H) (Yang et al. 2022, arXiv:2203.03466, §4 "attention logits are scaled by 1/d"). The
 * query, key, value and output projections are four separate {@code nn.Linear(C, C)} (the same
 * numbers as GPT-2's fused {@code c_attn}, split by rows), so each is a parameter with its own
 * projection tag. No dropout on the attention probabilities.
 */
public final class SelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Which score pairs attention may not see. */
    public enum Mask {
        /** No step sees a later one (a decoder). */
        CAUSAL,
        /** Every step sees every step (an encoder). */
        NONE,
        /** No step sees a padding token ({@link PaddingMask}). */
        PADDING;

        /** The expression's text, e.g. {@code causal}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The projections in forward order, as their tags name them. */
    public static final List<String> PROJECTIONS =
            List.of("query", "key", "value", "attention_out");

    private final int heads;
    private final double scale;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear out;
    private final Map<String, Probe> probes;
    private final Mask mask;
    private final PaddingMask padding;

    /**
     * @param width C, features per step
     * @param heads H, which must divide C
     * @param scale s, the score multiplier
     * @param probes probes by projection name ({@code query} … {@code attention_out}) for their
     *     outputs, and {@code attention} for the attention probabilities (B, H, T, T); any may be
     *     missing; the map is read at every forward, so a builder may fill it after construction
     * @param mask which pairs are hidden
     * @param padding where the padding tokens of the current batch are (mask=padding only, else
     *     null)
     */
    public SelfAttention(
            long width,
            int heads,
            double scale,
            Map<String, Probe> probes,
            Mask mask,
            PaddingMask padding) {
        super(VERSION);
        if (mask == Mask.PADDING && padding == null) {
            throw new IllegalArgumentException("mask=padding needs the tokens' padding mask");
        }
        this.mask = mask;
        this.padding = padding;
        if (heads < 1 || width % heads != 0) {
            throw new IllegalArgumentException(
                    "width " + width + " is not divisible by heads " + heads);
        }
        this.heads = heads;
        this.scale = scale;
        this.query = addChildBlock("query", linear(width));
        this.key = addChildBlock("key", linear(width));
        this.value = addChildBlock("value", linear(width));
        this.out = addChildBlock("attention_out", linear(width));
        this.probes = probes;
    }

    private static Linear linear(long width) {
        return Linear.builder().setUnits(width).optBias(true).build();
    }

    /** The projection named {@code query}, {@code key}, {@code value} or {@code attention_out}. */
    public Linear projection(String name) {
        return switch (name) {
            case "query" -> query;
            case "key" -> key;
            case "value" -> value;
            case "attention_out" -> out;
            default -> throw new IllegalArgumentException("no projection " + name);
        };
    }

    /** The score multiplier s. */
    public double scale() {
        return scale;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0);
        long t = s.get(1);
        long c = s.get(2);
        NDArray q = heads(project(query, "query", store, x, training), b, t, c);
        NDArray k = heads(project(key, "key", store, x, training), b, t, c);
        NDArray v = heads(project(value, "value", store, x, training), b, t, c);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(Scalars.like(x, scale));
        NDArray attention = masked(scores, t).softmax(-1);
        see("attention", attention);
        NDArray y = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, c);
        return new NDList(project(out, "attention_out", store, y, training));
    }

    private NDArray project(
            Linear layer, String name, ParameterStore store, NDArray x, boolean training) {
        NDArray y = layer.forward(store, new NDList(x), training).singletonOrThrow();
        see(name, y);
        return y;
    }

    private void see(String name, NDArray a) {
        Probe p = probes.get(name);
        if (p != null) {
            ProbeSession.observe(p, a);
        }
    }

    private NDArray heads(NDArray a, long b, long t, long c) {
        return a.reshape(b, t, heads, c / heads).transpose(0, 2, 1, 3);
    }

    private NDArray masked(NDArray scores, long t) {
        return switch (mask) {
            case CAUSAL -> scores.add(causalMask(scores.getManager(), t, scores.getDataType()));
            case NONE -> scores;
            case PADDING -> scores.add(padding.additive(scores.getDataType()));
        };
    }

    /** M of shape (T, T): 0 on and below the diagonal, −∞ above it. */
    static NDArray causalMask(NDManager manager, long t, DataType type) {
        NDArray steps = manager.arange(0, (int) t, 1, DataType.INT64);
        NDArray future = steps.reshape(1, t).gt(steps.reshape(t, 1));
        NDArray inf = manager.full(new Shape(t, t), Float.NEGATIVE_INFINITY, type);
        return NDArrays.where(future, inf, manager.zeros(new Shape(t, t), type));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Linear l : new Linear[] {query, key, value, out}) {
            l.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "SelfAttention(heads=" + heads + ", mask=" + mask.text() + ")";
    }
}
