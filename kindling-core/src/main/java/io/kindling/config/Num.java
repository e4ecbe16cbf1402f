package io.kindling.config;

import java.util.Objects;

/**
 * A finite number such as {@code 0.1}, {@code -3}, {@code 3e-4}. Equality compares the value only;
 * {@code text} keeps the literal as written so messages can quote the user exactly.
 *
 * @param value the value, always finite
 * @param text the literal as written; canonical printed form for built nodes
 * @param position where the literal starts
 */
public record Num(double value, String text, Position position) implements Expr {

    public Num {
        if (!Double.isFinite(value)) {
            // inf/nan cannot be written in the language, so a built one could not round-trip.
            throw new IllegalArgumentException("Expression numbers must be finite, got " + value);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    /** A number built in code; its text is the canonical form. */
    public Num(double value, Position position) {
        this(value, ExprPrinter.formatNumber(value), position);
    }

    /** Whether the value is a whole number that fits in an {@code int}. */
    public boolean isInt() {
        return value == Math.rint(value)
                && value >= Integer.MIN_VALUE
                && value <= Integer.MAX_VALUE;
    }

    @Override
    public boolean equals(Object o) {
        // Double.compare keeps equals consistent with hashCode (and tells 0 from -0).
        return o instanceof Num n && Double.compare(value, n.value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
