package io.kindling.diagnose;

/**
 * How spread a causal self-attention's probabilities are, on one batch: the entropy of each row
 * {@code H_t = −Σ_u A[t, u]·ln A[t, u]} averaged over examples, heads and positions, beside the
 * largest it can be under the causal mask (uniform over the t + 1 visible positions, {@code ln(t +
 * 1)}, averaged over t). At a small init the scores are near zero and the ratio near 1 (uniform
 * attention); a ratio near 0 means each position attends to one other (collapsed, "entropy
 * collapse", Zhai et al. 2023, arXiv:2303.06296).
 *
 * @param layer the attention's dotted name, e.g. {@code block2.attn}
 * @param entropy mean row entropy in nats
 * @param uniform the mean entropy of uniform causal attention, in nats
 */
public record AttentionStats(String layer, double entropy, double uniform) {

    /** entropy / uniform: 1 for uniform attention, 0 for one-hot. */
    public double ratio() {
        return uniform > 0 ? entropy / uniform : Double.NaN;
    }
}
