package io.kindling.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named call {@code name(key=value, ...)}; a bare name such as {@code relu} is a call with no
 * arguments. Equality compares name and arguments in order, ignoring positions.
 *
 * @param name an identifier other than {@code true}/{@code false}
 * @param args keyword arguments with distinct keys, unmodifiable
 * @param position where the name starts
 */
public record Call(String name, List<Arg> args, Position position) implements Expr {

    public Call {
        if (!Identifiers.isName(name)) {
            throw new IllegalArgumentException(
                    "Call name must be an identifier other than"
                            + " true/false, got '"
                            + name
                            + "'");
        }
        args = List.copyOf(args);
        Set<String> keys = new HashSet<>();
        for (Arg a : args) {
            if (!keys.add(a.key())) {
                throw new IllegalArgumentException(
                        "Duplicate argument '" + a.key() + "' in " + name);
            }
        }
        Objects.requireNonNull(position, "position");
    }

    /** The argument with this key, if present. */
    public Optional<Arg> arg(String key) {
        return args.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Call c && name.equals(c.name) && args.equals(c.args);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + args.hashCode();
    }

    @Override
    public String toString() {
        return ExprPrinter.print(this);
    }
}
