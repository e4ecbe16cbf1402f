package io.kindling.nn;

import java.util.Locale;

/** What a parameter does inside its layer. */
public enum Role {
    /** A weight matrix or kernel that multiplies the input. */
    WEIGHT,
    /** An additive bias. */
    BIAS,
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
