package io.kindling.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The keyword arguments of one {@link Call}, as read by a {@link Registry} factory.
 *
 * <p>Every getter, {@link #has} and {@link #error} included, records its key as accepted, even when
 * the argument is absent and the default is used. Once the factory returns, the registry calls
 * {@link #checkAllUsed()}, so a key the factory never asked for (typically a typo such as {@code
 * lrr}) is an error naming the accepted keys instead of being silently ignored.
 *
 * <p>Type errors name the key, the value as written, the kind, the name and the position: {@code
 * Argument lr='abc' of optimizer sgd at 1:5 must be a number}.
 */
public final class Args {

    private final String kind;
    private final Call call;
    private final Map<String, Arg> byKey = new LinkedHashMap<>();
    private final Set<String> requested = new LinkedHashSet<>();

    /**
     * @param kind what the call builds, for messages: "optimizer", "initializer", ...
     * @param call the call whose arguments are read
     */
    public Args(String kind, Call call) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.call = Objects.requireNonNull(call, "call");
        for (Arg a : call.args()) {
            byKey.put(a.key(), a);
        }
    }

    /** The call's name as written (an alias stays an alias). */
    public String name() {
        return call.name();
    }

    /** Where the call's name starts. */
    public Position position() {
        return call.position();
    }

    /** The call being read. */
    public Call call() {
        return call;
    }

    /** What the call builds, e.g. "optimizer". */
    public String kind() {
        return kind;
    }

    /** Whether the argument was given; records the key as accepted. */
    public boolean has(String key) {
        return lookup(key) != null;
    }

    /** A number, or {@code dflt} when absent. */
    public double number(String key, double dflt) {
        Arg a = lookup(key);
        return a == null ? dflt : asNumber(a).value();
    }

    /** A required number. */
    public double number(String key) {
        return asNumber(required(key)).value();
    }

    /** A whole number that fits in an {@code int}, or {@code dflt} when absent. */
    public int integer(String key, int dflt) {
        Arg a = lookup(key);
        return a == null ? dflt : asInt(a);
    }

    /** A required whole number. */
    public int integer(String key) {
        return asInt(required(key));
    }

    /** {@code true} or {@code false}, or {@code dflt} when absent. */
    public boolean bool(String key, boolean dflt) {
        Arg a = lookup(key);
        if (a == null) {
            return dflt;
        }
        if (a.value() instanceof Bool b) {
            return b.value();
        }
        throw typeError(a, "must be true or false");
    }

    /**
     * One of {@code allowed}, written bare ({@code mode=fan_out}) or quoted ({@code
     * mode='fan_out'}); {@code dflt} when absent.
     */
    public String choice(String key, String dflt, String... allowed) {
        Arg a = lookup(key);
        if (a == null) {
            return dflt;
        }
        List<String> options = Arrays.asList(allowed);
        String word = word(a.value());
        if (word == null || !options.contains(word)) {
            String hint = word == null ? "" : Suggestions.didYouMean(word, options);
            throw typeError(a, "must be one of " + String.join(", ", options) + hint);
        }
        return word;
    }

    /** A bare name or a quoted string, or {@code dflt} when absent. */
    public String string(String key, String dflt) {
        Arg a = lookup(key);
        if (a == null) {
            return dflt;
        }
        String word = word(a.value());
        if (word == null) {
            throw typeError(a, "must be a name or a 'quoted string'");
        }
        return word;
    }

    /**
     * A list of numbers such as {@code [10, 20]}; a single number is read as a one-element list.
     * {@code dflt} when absent. The result is unmodifiable.
     */
    public List<Double> numbers(String key, List<Double> dflt) {
        Arg a = lookup(key);
        if (a == null) {
            return dflt;
        }
        List<Double> out = new ArrayList<>();
        for (Expr item : items(a.value())) {
            if (!(item instanceof Num n)) {
                throw typeError(a, "must be a number or a list of numbers like [1, 2]");
            }
            out.add(n.value());
        }
        return List.copyOf(out);
    }

    /** The raw nested expression, e.g. {@code orthogonal(gain=1)} for {@code base=...}. */
    public Expr expr(String key, Expr dflt) {
        Arg a = lookup(key);
        return a == null ? dflt : a.value();
    }

    /**
     * The items of a list of expressions; a single non-list value is read as a one-element list.
     * {@code dflt} when absent.
     */
    public List<Expr> exprs(String key, List<Expr> dflt) {
        Arg a = lookup(key);
        return a == null ? dflt : items(a.value());
    }

    /** A number {@code > 0}, or {@code dflt} when absent. */
    public double positive(String key, double dflt) {
        return checked(key, dflt, v -> v > 0, "must be > 0");
    }

    /** A number {@code >= 0}, or {@code dflt} when absent. */
    public double nonNegative(String key, double dflt) {
        return checked(key, dflt, v -> v >= 0, "must be >= 0");
    }

    /** A number in {@code [lo, hi]}, or {@code dflt} when absent. */
    public double inRange(String key, double dflt, double lo, double hi) {
        return checked(
                key,
                dflt,
                v -> lo <= v && v <= hi,
                "must be in the range ["
                        + ExprPrinter.formatNumber(lo)
                        + ", "
                        + ExprPrinter.formatNumber(hi)
                        + "]");
    }

    /** A whole number {@code > 0}, or {@code dflt} when absent. */
    public int positiveInt(String key, int dflt) {
        int v = integer(key, dflt);
        if (has(key) && v <= 0) {
            throw error(key, "must be an integer > 0");
        }
        return v;
    }

    /** A whole number {@code >= 0}, or {@code dflt} when absent. */
    public int nonNegativeInt(String key, int dflt) {
        int v = integer(key, dflt);
        if (has(key) && v < 0) {
            throw error(key, "must be an integer >= 0");
        }
        return v;
    }

    /**
     * An error for a factory-specific check: {@code Argument key=VALUE of <kind> <name> at POS
     * <problem>}, e.g. {@code throw a.error("nesterov", "requires momentum > 0")}. When the key is
     * absent the message names the call instead: {@code Argument nesterov of optimizer sgd at 1:1
     * ...}.
     */
    public ConfigException error(String key, String problem) {
        Arg a = lookup(key);
        if (a == null) {
            return new ConfigException(
                    "Argument "
                            + key
                            + " of "
                            + kind
                            + " "
                            + name()
                            + position().at()
                            + " "
                            + problem,
                    position());
        }
        return typeError(a, problem);
    }

    /** The keys the factory asked for so far, in the order it asked. */
    Set<String> requestedKeys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(requested));
    }

    /**
     * Fails on the first given key (in text order) that the factory never asked for, suggesting the
     * closest accepted key.
     */
    void checkAllUsed() {
        for (Arg a : call.args()) {
            if (!requested.contains(a.key())) {
                String accepted = String.join(", ", requested);
                String hint = Suggestions.didYouMean(a.key(), requested);
                String tail =
                        requested.isEmpty()
                                ? "; " + name() + " takes no arguments"
                                : hint.isEmpty()
                                        ? "; accepted: " + accepted
                                        : hint + " Accepted: " + accepted;
                throw new ConfigException(
                        "Unknown argument '"
                                + a.key()
                                + "' for "
                                + kind
                                + " "
                                + name()
                                + a.position().at()
                                + tail,
                        a.position());
            }
        }
    }

    private Arg lookup(String key) {
        requested.add(key);
        return byKey.get(key);
    }

    private Arg required(String key) {
        Arg a = lookup(key);
        if (a != null) {
            return a;
        }
        // A missing key next to an unread near-miss is almost always a typo: say so here,
        // because the factory fails before the registry could report the unknown key.
        String typo =
                call.args().stream()
                        .filter(other -> !requested.contains(other.key()))
                        .filter(
                                other ->
                                        !Suggestions.closest(other.key(), List.of(key), 1)
                                                .isEmpty())
                        .findFirst()
                        .map(
                                other ->
                                        "; '"
                                                + other.key()
                                                + "'"
                                                + other.position().at()
                                                + " looks like a misspelling of it")
                        .orElse("");
        throw new ConfigException(
                "Missing argument '"
                        + key
                        + "' for "
                        + kind
                        + " "
                        + name()
                        + position().at()
                        + typo,
                position());
    }

    private double checked(String key, double dflt, Predicate<Double> ok, String problem) {
        double v = number(key, dflt);
        if (has(key) && !ok.test(v)) {
            throw error(key, problem);
        }
        return v;
    }

    private Num asNumber(Arg a) {
        if (a.value() instanceof Num n) {
            return n;
        }
        throw typeError(a, "must be a number");
    }

    private int asInt(Arg a) {
        if (a.value() instanceof Num n && n.isInt()) {
            return (int) n.value();
        }
        throw typeError(a, "must be an integer");
    }

    private ConfigException typeError(Arg a, String problem) {
        return new ConfigException(
                "Argument "
                        + a.key()
                        + "="
                        + asWritten(a.value())
                        + " of "
                        + kind
                        + " "
                        + name()
                        + a.position().at()
                        + " "
                        + problem,
                a.position());
    }

    /** Numbers exactly as the user wrote them; everything else in canonical form. */
    private static String asWritten(Expr e) {
        return e instanceof Num n ? n.text() : ExprPrinter.print(e);
    }

    private static String word(Expr e) {
        if (e instanceof Str s) {
            return s.value();
        }
        if (e instanceof Call c && c.args().isEmpty()) {
            return c.name();
        }
        return null;
    }

    private static List<Expr> items(Expr e) {
        return e instanceof ListExpr l ? l.items() : List.of(e);
    }
}
