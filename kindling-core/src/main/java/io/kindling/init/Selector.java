package io.kindling.init;

import io.kindling.config.ConfigException;
import io.kindling.config.Suggestions;
import io.kindling.nn.LayerKind;
import io.kindling.nn.ParamContext;
import io.kindling.nn.RecurrentCell;
import io.kindling.nn.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which parameters an init-plan rule applies to: terms joined by {@code &}, each optionally negated
 * with {@code !}.
 *
 * <pre>
 * *                      every parameter
 * role=weight|bias|recurrent|recurrent_bias|gain|shift|gate|scale
 * layer=linear|conv|embedding|recurrent|norm|scalar
 * conv, linear, …        a bare layer kind: the same as layer=conv, layer=linear, …
 * weight, bias           a bare role: the same as role=weight, role=bias
 * recurrent              the hidden-to-hidden weights (role=recurrent), each gate's H×H block;
 *                        layer=recurrent selects every parameter of a recurrent layer
 * gate=forget            one gate's slice of a packed recurrent parameter (LSTM input|forget|
 *                        cell|output, GRU reset|update|new)
 * name=layer1.*          glob on the parameter name (* any run, ? one character)
 * block=stage2.*         glob on the name of the block the parameter sits in
 * stage=2                the parameter's stage (0 outside any stage)
 * first, last            the first or last weighted layer
 * depth=3  depth=2..5  depth=10..   the layer's 1-based depth, or a range (ends inclusive)
 * residual_out           layers that end a residual branch (GPT-2's c_proj)
 * projection=query|key   a Transformer parameter's projection (query, key, value, attention_out,
 *                        mlp_in, mlp_out, token_embedding, position_embedding, head), alternatives
 *                        joined by |
 * </pre>
 *
 * <p>Example: {@code layer=linear & last}, {@code role=weight & !first & depth=..10}, {@code conv &
 * first}, {@code block=stage3.* & role=weight}. Two selectors are equal when their normalized texts
 * are.
 */
public final class Selector {

    private static final String ACCEPTED =
            "*, first, last, residual_out, role=…, layer=…,"
                    + " a bare layer kind ("
                    + String.join(
                            ", ", Arrays.stream(LayerKind.values()).map(LayerKind::label).toList())
                    + "), weight, bias, recurrent (hidden-to-hidden weights), gate=…,"
                    + " name=glob, block=glob, stage=N, projection=NAME[|NAME…],"
                    + " depth=N or depth=A..B, each optionally negated with !";
    private final String text;
    private final Predicate<ParamContext> test;
    private final boolean namesGate;

    private Selector(String text, Predicate<ParamContext> test, boolean namesGate) {
        this.text = text;
        this.test = test;
        this.namesGate = namesGate;
    }

    /** Whether a term names a gate ({@code gate=forget}): such a rule must match some slice. */
    public boolean namesGate() {
        return namesGate;
    }

    /** The normalized text, e.g. {@code layer=linear & last}. */
    public String text() {
        return text;
    }

    /** Whether the parameter matches. */
    public boolean matches(ParamContext context) {
        return test.test(context);
    }

    /**
     * Parses a selector; an unknown term is a {@link ConfigException} listing the accepted forms.
     */
    public static Selector parse(String text) {
        List<Predicate<ParamContext>> terms = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (String raw : text.split("&", -1)) {
            String term = raw.trim().replaceAll("\\s*=\\s*", "=");
            boolean negated = term.startsWith("!");
            String body = negated ? term.substring(1).trim() : term;
            Predicate<ParamContext> p = term(body, text);
            terms.add(negated ? p.negate() : p);
            normalized.add((negated ? "!" : "") + body);
        }
        Predicate<ParamContext> all = terms.stream().reduce(c -> true, Predicate::and);
        boolean gate = normalized.stream().anyMatch(t -> t.replace("!", "").startsWith("gate="));
        return new Selector(String.join(" & ", normalized), all, gate);
    }

    private static Predicate<ParamContext> term(String term, String whole) {
        Predicate<ParamContext> word =
                switch (term) {
                    case "*" -> c -> true;
                    case "first" -> ParamContext::isFirst;
                    case "last" -> ParamContext::isLast;
                    case "residual_out" -> ParamContext::residualOut;
                    case "weight" -> c -> c.role() == Role.WEIGHT;
                    case "bias" -> c -> c.role() == Role.BIAS;
                    case "recurrent" -> c -> c.role() == Role.RECURRENT;
                    default -> null;
                };
        if (word != null) {
            return word;
        }
        for (LayerKind kind : LayerKind.values()) {
            if (kind.label().equals(term)) {
                return c -> c.layer() == kind;
            }
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
                Pattern glob = glob(value);
                yield c -> glob.matcher(c.name().toLowerCase(Locale.ROOT)).matches();
            }
            case "block" -> {
                Pattern glob = glob(value);
                yield c -> glob.matcher(c.block().toLowerCase(Locale.ROOT)).matches();
            }
            case "stage" -> {
                int stage = stage(value, whole);
                yield c -> c.stage() == stage;
            }
            case "depth" -> depth(value, whole);
            case "gate" -> {
                if (!RecurrentCell.GATES.contains(value)) {
                    throw new ConfigException(
                            "Unknown gate '"
                                    + value
                                    + "' in selector '"
                                    + whole
                                    + "'"
                                    + Suggestions.didYouMean(value, RecurrentCell.GATES)
                                    + "; gates: LSTM input, forget, cell, output;"
                                    + " GRU reset, update, new");
                }
                yield c -> c.gate().equals(value);
            }
            case "projection" -> projection(value, whole);
            default -> throw unknown(term, whole);
        };
    }

    /** The projections a Transformer's parameters carry ({@link ParamContext#projection()}). */
    public static final List<String> PROJECTIONS =
            List.of(
                    "query",
                    "key",
                    "value",
                    "attention_out",
                    "mlp_in",
                    "mlp_out",
                    "token_embedding",
                    "position_embedding",
                    "head");

    private static Predicate<ParamContext> projection(String value, String whole) {
        List<String> names = Arrays.stream(value.split("\\|")).map(String::trim).toList();
        for (String n : names) {
            if (!PROJECTIONS.contains(n)) {
                throw new ConfigException(
                        "Unknown projection '"
                                + n
                                + "' in selector '"
                                + whole
                                + "'"
                                + Suggestions.didYouMean(n, PROJECTIONS)
                                + "; accepted: "
                                + String.join(", ", PROJECTIONS));
            }
        }
        return c -> names.contains(c.projection());
    }

    private static Pattern glob(String value) {
        return Pattern.compile(
                Pattern.quote(value).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }

    private static int stage(String value, String whole) {
        try {
            int stage = Integer.parseInt(value);
            if (stage >= 0) {
                return stage;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigException(
                "Bad stage '"
                        + value
                        + "' in selector '"
                        + whole
                        + "'; write stage=N with N >= 0 (stage 1 is the first, 0 outside any stage)");
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
            throw new ConfigException(
                    "Bad depth '"
                            + value
                            + "' in selector '"
                            + whole
                            + "'; write depth=3, depth=2..5, depth=..4 or depth=10..");
        }
    }

    private static ConfigException unknown(String term, String whole) {
        List<String> words =
                new ArrayList<>(
                        List.of(
                                "first",
                                "last",
                                "residual_out",
                                "role",
                                "layer",
                                "name",
                                "block",
                                "stage",
                                "depth",
                                "gate",
                                "weight",
                                "bias",
                                "projection"));
        Arrays.stream(LayerKind.values()).map(LayerKind::label).forEach(words::add);
        String word = term.contains("=") ? term.substring(0, term.indexOf('=')) : term;
        return new ConfigException(
                "Unknown selector term '"
                        + term
                        + "' in '"
                        + whole
                        + "'"
                        + Suggestions.didYouMean(word, words)
                        + "; accepted: "
                        + ACCEPTED);
    }

    private static <E extends Enum<E>> E parseEnum(
            E[] values, String value, String key, String whole) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new ConfigException(
                "Unknown "
                        + key
                        + " '"
                        + value
                        + "' in selector '"
                        + whole
                        + "'; accepted: "
                        + String.join(
                                ", ",
                                Arrays.stream(values)
                                        .map(v -> v.name().toLowerCase(Locale.ROOT))
                                        .toList()));
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
