package io.kindling.nn;

/** What a {@link Probe} observes. */
public enum ProbeKind {
    /** The raw output of a weighted layer (linear or conv), before any norm or activation. */
    OUTPUT,
    /** A layer's input to its activation: after its norm, if any (pre-activation). */
    PRE,
    /** The output of a layer's activation (post-activation). */
    POST,
    /** The residual stream after a block adds its branch back. */
    STREAM,
    /** A causal self-attention's probabilities (B, heads, T, T), each row summing to one. */
    ATTENTION
}
