package io.kindling.init;

import io.kindling.config.ConfigException;
import io.kindling.nn.LayerKind;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which parameters an init-plan rule applies to: terms joined by {@code &}, each optionally
 * negated with {@code !}.
 *
 * <pre>
 * *                      every parameter
 * role=weight|bias|gain|shift
 * layer=linear|conv|embedding|recurrent|norm
 * name=layer1.*          glob on the parameter name (* any run, ? one character)
 * first, last            the first or last weighted layer
 * depth=3  depth=2..5  depth=10..   the layer's 1-based depth, or a range (ends inclusive)
 * residual_out           layers that end a residual branch (GPT-2's c_proj)
 * </pre>
 *
 * <p>Example: {@code layer=linear & last}, {@code role=weight & !first & depth=..10}.
 * Two selectors are equal when their normalized texts are.
 */
public final class Selector {

    private static final String ACCEPTED = "*, first, last, residual_out, role=…, layer=…,"
            + " name=glob, depth=N or depth=A..B, each optionally negated with !";
    private final String text;
    private final Predicate<ParamContext> test;

    private Selector(String text, Predicate<ParamContext> test) {
        this.text = text;
        this.test = test;
    }

    /** The normalized text, e.g. {@code layer=linear & last}. */
    public String text() {
        return text;
    }

    /** Whether the parameter matches. */
    public boolean matches(ParamContext context) {
        return test.test(context);
    }

    /** Parses a selector; an unknown term is a {@link ConfigException} listing the accepted forms. */
    public static Selector parse(String text) {
        List<Predicate<ParamContext>> terms = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String raw : text.split("&")) {
            String term = raw.trim().replaceAll("\\s*=\\s*", "=");
            boolean negated = term.startsWith("!");
            String body = negated ? term.substring(1).trim() : term;
            Predicate<ParamContext> p = term(body, text);
            terms.add(negated ? p.negate() : p);
            normalized.add((negated ? "!" : "") + body);
        }
        Predicate<ParamContext> all = terms.stream().reduce(c -> true, Predicate::and);
        return new Selector(String.join(" & ", normalized), all);
    }

    private static Predicate<ParamContext> term(String term, String whole) {
        switch (term) {
            case "*":
                return c -> true;
            case "first":
                return ParamContext::isFirst;
            case "last":
                return ParamContext::isLast;
            case "residual_out":
                return ParamContext::residualOut;
            default:
                break;
        }
        int eq = term.indexOf('=');
        if (eq < 0) {
            throw unknown(term, whole);
        }
        String key = term.substring(0, eq);
        String value = term.substring(eq + 1).toLowerCase(Locale.ROOT);
        return switch (key) {
            case "role" -> {
                Role role = parseEnum(Role.values(), value, "role", whole);
                yield c -> c.role() == role;
            }
            case "layer" -> {
                LayerKind kind = parseEnum(LayerKind.values(), value, "layer", whole);
                yield c -> c.layer() == kind;
            }
            case "name" -> {
                Pattern glob = Pattern.compile(
                        Pattern.quote(value).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
                yield c -> glob.matcher(c.name().toLowerCase(Locale.ROOT)).matches();
            }
            case "depth" -> depth(value, whole);
            default -> throw unknown(term, whole);
        };
    }

    private static Predicate<ParamContext> depth(String value, String whole) {
        try {
            int dots = value.indexOf("..");
            if (dots < 0) {
                int d = Integer.parseInt(value);
                return c -> c.depthIndex() == d;
            }
            String lo = value.substring(0, dots);
            String hi = value.substring(dots + 2);
            int from = lo.isEmpty() ? Integer.MIN_VALUE : Integer.parseInt(lo);
            int to = hi.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(hi);
            return c -> c.depthIndex() >= from && c.depthIndex() <= to;
        } catch (NumberFormatException e) {
            throw new ConfigException("Bad depth '" + value + "' in selector '" + whole
                    + "'; write depth=3, depth=2..5, depth=..4 or depth=10..");
        }
    }

    private static ConfigException unknown(String term, String whole) {
        return new ConfigException("Unknown selector term '" + term + "' in '" + whole
                + "'; accepted: " + ACCEPTED);
    }

    private static <E extends Enum<E>> E parseEnum(E[] values, String value, String key,
            String whole) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new ConfigException("Unknown " + key + " '" + value + "' in selector '" + whole
                + "'; accepted: " + String.join(", ", Arrays.stream(values)
                        .map(v -> v.name().toLowerCase(Locale.ROOT)).toList()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
