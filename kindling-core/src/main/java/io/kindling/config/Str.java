package io.kindling.config;

import java.util.Objects;

/**
 * A quoted string, {@code 'a b'} or {@code "a b"}. A bare word is not a string but a {@link Call}
 * without arguments; {@link Args#string} and {@link Args#choice} accept both. Equality compares the
 * value only.
 *
 * @param value the unescaped content
 * @param quoted whether it was written in quotes (always true for parsed strings)
 * @param position where the opening quote is
 */
public record Str(String value, boolean quoted, Position position) implements Expr {

    public Str {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    @Override
    public boolean equals(Object o) {
        // quoted is presentation, like position: the printer always quotes.
        return o instanceof Str s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
