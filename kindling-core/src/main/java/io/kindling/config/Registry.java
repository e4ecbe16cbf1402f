package io.kindling.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Named factories for one kind of thing ("initializer", "optimizer", ...), turning an expression
 * such as {@code sgd(lr=0.05, momentum=0.9)} into an object.
 *
 * <p>Registries are meant to be filled once, in a static initializer, and read afterwards;
 * registration is not synchronized.
 *
 * @param <T> what the factories build
 */
public final class Registry<T> {

    private record Entry<T>(String name, String summary, Function<Args, T> factory) {}

    private final String kind;
    private final Map<String, Entry<T>> entries = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();

    /**
     * @param kind what this registry builds, used in messages: "initializer"
     */
    public Registry(String kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Adds a factory.
     *
     * @param name an identifier, e.g. {@code kaiming_normal}
     * @param summary one line for {@code kindling list}
     * @param factory reads its arguments from {@link Args} and builds the object
     * @throws IllegalArgumentException if the name is taken or not an identifier
     */
    public Registry<T> register(String name, String summary, Function<Args, T> factory) {
        claim(name);
        entries.put(
                name,
                new Entry<>(
                        name,
                        Objects.requireNonNull(summary, "summary"),
                        Objects.requireNonNull(factory, "factory")));
        return this;
    }

    /**
     * Makes {@code alias} another name for {@code target} (itself possibly an alias).
     *
     * @throws IllegalArgumentException if the alias is taken or the target unknown
     */
    public Registry<T> alias(String alias, String target) {
        if (!contains(target)) {
            throw new IllegalArgumentException(
                    "Cannot alias " + kind + " '" + alias + "' to unknown '" + target + "'");
        }
        claim(alias);
        aliases.put(alias, aliases.getOrDefault(target, target));
        return this;
    }

    /**
     * Builds the object a call describes, then checks that the factory read every argument.
     *
     * @throws ConfigException if {@code expr} is not a call, the name is unknown, an argument is
     *     missing, mistyped or unknown, or the factory rejects the values
     */
    public T create(Expr expr) {
        if (!(expr instanceof Call call)) {
            throw new ConfigException(
                    "Expected "
                            + article()
                            + " "
                            + kind
                            + " expression like name(key=value)"
                            + expr.position().at()
                            + ", got "
                            + ExprPrinter.print(expr),
                    expr.position());
        }
        Entry<T> entry = lookup(call.name(), call.position());
        Args args = new Args(kind, call);
        T built;
        try {
            built = entry.factory().apply(args);
        } catch (IllegalArgumentException e) {
            if (e instanceof ArgumentException bad && args.has(bad.key())) {
                // A constructor refused one argument: point at it as written.
                ConfigException pointed = args.error(bad.key(), bad.problem());
                pointed.initCause(e);
                throw pointed;
            }
            // Constructors guard their invariants with IllegalArgumentException; give it the
            // user's position so the message points at the expression that caused it.
            String why =
                    e.getMessage() == null
                            ? e.toString()
                            : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(
                    "Invalid "
                            + kind
                            + " "
                            + ExprPrinter.print(call)
                            + call.position().at()
                            + ": "
                            + why,
                    call.position(),
                    e);
        }
        args.checkAllUsed();
        return built;
    }

    /** Parses {@code text} with {@link ExprParser} and {@link #create}s it. */
    public T parse(String text) {
        return create(ExprParser.parse(text));
    }

    /** Every registered name and alias, sorted. */
    public Set<String> names() {
        Set<String> all = new TreeSet<>(entries.keySet());
        all.addAll(aliases.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** Whether {@code name} is registered, directly or as an alias. */
    public boolean contains(String name) {
        return entries.containsKey(name) || aliases.containsKey(name);
    }

    /**
     * The one-line summary of a name; for an alias, {@code "alias of <target>: <summary>"}.
     *
     * @throws ConfigException if the name is unknown
     */
    public String summary(String name) {
        Entry<T> entry = lookup(name, Position.NONE);
        return aliases.containsKey(name)
                ? "alias of " + entry.name() + ": " + entry.summary()
                : entry.summary();
    }

    /** What this registry builds, e.g. "optimizer". */
    public String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "Registry[" + kind + ": " + String.join(", ", names()) + "]";
    }

    private Entry<T> lookup(String name, Position position) {
        Entry<T> entry = entries.get(aliases.getOrDefault(name, name));
        if (entry == null) {
            String hint = Suggestions.didYouMean(name, names());
            throw new ConfigException(
                    "Unknown "
                            + kind
                            + " '"
                            + name
                            + "'"
                            + position.at()
                            + (hint.isEmpty() ? "; known: " : hint + " Known: ")
                            + String.join(", ", names()),
                    position);
        }
        return entry;
    }

    private void claim(String name) {
        if (!Identifiers.isName(name)) {
            throw new IllegalArgumentException(
                    kind + " name must be an identifier, got '" + name + "'");
        }
        if (contains(name)) {
            throw new IllegalArgumentException(kind + " '" + name + "' is already registered");
        }
    }

    private String article() {
        return "aeiou".indexOf(Character.toLowerCase(kind.isEmpty() ? 'x' : kind.charAt(0))) >= 0
                ? "an"
                : "a";
    }
}
