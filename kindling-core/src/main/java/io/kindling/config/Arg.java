package io.kindling.config;

import java.util.Objects;

/**
 * One keyword argument {@code key=value} of a {@link Call}. Equality ignores the position.
 *
 * @param key an identifier
 * @param value the value
 * @param position where the key starts
 */
public record Arg(String key, Expr value, Position position) {

    public Arg {
        if (!Identifiers.isIdentifier(key)) {
            throw new IllegalArgumentException(
                    "Argument key must be an identifier, got '" + key + "'");
        }
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Arg a && key.equals(a.key) && value.equals(a.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + value.hashCode();
    }

    /** {@code key=value} in canonical form. */
    @Override
    public String toString() {
        return key + "=" + ExprPrinter.print(value);
    }
}
