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
 * Which parameters an init-plan rule applies to, written as terms joined by {@code &}:
 * {@code *} (everything), {@code role=bias|weight|gain|shift}, {@code layer=linear|conv|…},
 * {@code name=layer1.*} (glob), {@code first}, {@code last}.
 *
 * <p>Example: {@code layer=linear & last}.
 *
 * @param text the selector as written, normalized
 */
public record Selector(String text, Predicate<ParamContext> test) {

    /** Whether the parameter matches. */
    public boolean matches(ParamContext context) {
        return test.test(context);
    }

    /** Parses a selector; an unknown term is a {@link ConfigException} listing the accepted forms. */
    public static Selector parse(String text) {
        String trimmed = text.trim();
        List<Predicate<ParamContext>> terms = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String raw : trimmed.split("&")) {
            String term = raw.trim();
            terms.add(term(term, text));
            normalized.add(term);
        }
        Predicate<ParamContext> all = terms.stream().reduce(c -> true, Predicate::and);
        return new Selector(String.join(" & ", normalized), all);
    }

    private static Predicate<ParamContext> term(String term, String whole) {
        if (term.equals("*")) {
            return c -> true;
        }
        if (term.equals("first")) {
            return ParamContext::isFirst;
        }
        if (term.equals("last")) {
            return ParamContext::isLast;
        }
        int eq = term.indexOf('=');
        String key = eq < 0 ? term : term.substring(0, eq).trim();
        String value = eq < 0 ? "" : term.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
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
                yield c -> glob.matcher(c.name()).matches();
            }
            default -> throw new ConfigException("Unknown selector term '" + term + "' in '"
                    + whole + "'; accepted: *, first, last, role=…, layer=…, name=glob");
        };
    }

    private static <E extends Enum<E>> E parseEnum(E[] values, String value, String key,
            String whole) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new ConfigException("Unknown " + key + " '" + value + "' in selector '" + whole
                + "'; accepted: " + Arrays.stream(values)
                        .map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
    }
}
