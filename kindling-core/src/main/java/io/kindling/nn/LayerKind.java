package io.kindling.nn;

import java.util.Locale;

/** The kind of layer a parameter belongs to; initializers and selectors read it. */
public enum LayerKind {
    LINEAR,
    CONV,
    EMBEDDING,
    RECURRENT,
    NORM,
    /** Learnable scalars on a residual branch (Fixup's biases and multiplier, ReZero's α). */
    SCALAR;

    /** The lower-case name used in selectors and tables, e.g. {@code linear}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
