package io.kindling.config;

/**
 * A node of a parsed expression. Equality ignores positions and the way a value was written (so
 * {@code 3e-4} equals {@code 0.0003}); {@code toString()} is the canonical printed form.
 */
public sealed interface Expr permits Num, Bool, Str, ListExpr, Call {

    /** Where the node starts in the text it was parsed from, or {@link Position#NONE}. */
    Position position();
}
