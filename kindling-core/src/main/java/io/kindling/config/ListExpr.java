package io.kindling.config;

import java.util.List;
import java.util.Objects;

/**
 * A list {@code [a, b, c]}, possibly empty. Equality compares the items in order.
 *
 * @param items the items, unmodifiable
 * @param position where the {@code [} is
 */
public record ListExpr(List<Expr> items, Position position) implements Expr {

    public ListExpr {
        items = List.copyOf(items);
        Objects.requireNonNull(position, "position");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListExpr l && items.equals(l.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
