package io.kindling.config;

import java.util.Objects;

/**
 * {@code true} or {@code false}.
 *
 * @param value the value
 * @param position where the literal starts
 */
public record Bool(boolean value, Position position) implements Expr {

    public Bool {
        Objects.requireNonNull(position, "position");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bool b && value == b.value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(value);
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
