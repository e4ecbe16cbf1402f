package io.kindling.nn;

/** The kind of layer a parameter belongs to; initializers and selectors read it. */
public enum LayerKind {
    LINEAR,
    CONV,
    EMBEDDING,
    RECURRENT,
    NORM;

    /** The lower-case name used in selectors and tables, e.g. {@code linear}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
