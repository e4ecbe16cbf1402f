package io.kindling.nn;

import java.util.Locale;

/** What a parameter does inside its layer. */
public enum Role {
    /** A weight matrix or kernel that multiplies the input. */
    WEIGHT,
    /**
     * An additive bias. In a recurrent layer this is the input-to-hidden bias ({@code bias_ih}), so
     * that a rule on {@code bias} sets each gate's bias once, not in both summed vectors.
     */
    BIAS,
    /**
     * A recurrent layer's hidden-to-hidden weight ({@code weight_hh}, or one gate's H×H block of
     * it): the matrix applied to the previous hidden state. Selected by the bare word {@code
     * recurrent} (orthogonal and identity recurrences are rules on it).
     */
    RECURRENT,
    /**
     * A recurrent layer's hidden-to-hidden bias ({@code bias_hh}), which PyTorch and cuDNN add to
     * {@code bias_ih}; kept apart so that a rule on {@code bias} does not count a gate's bias
     * twice.
     */
    RECURRENT_BIAS,
    /** The multiplicative gain (gamma) of a normalization layer. */
    GAIN,
    /** The additive shift (beta) of a normalization layer. */
    SHIFT,
    /**
     * A learnable scalar that gates a residual branch, 0 at initialization so that each block
     * starts as the identity (ReZero's and SkipInit's α).
     */
    GATE,
    /** A learnable scalar multiplier, 1 at initialization (Fixup's branch multiplier). */
    SCALE,
    /** A running statistic that is not trained (batch-norm mean and variance). */
    BUFFER;

    /** The lower-case name used in selectors and tables, e.g. {@code bias}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
