package io.kindling.init;

import io.kindling.config.ConfigException;
import io.kindling.config.Suggestions;
import io.kindling.nn.LayerKind;
import io.kindling.nn.Models;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Role;
import io.kindling.nn.TagKey;
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
 * name=layer1.*          glob on the parameter name (* any run, ? one character)
 * first, last            the first or last weighted layer
 * depth=3  depth=2..5  depth=10..   the layer's 1-based depth, or a range (ends inclusive)
 * residual_out           layers that end a residual branch (GPT-2's c_proj)
 * TAG=VALUE[|VALUE…]     any tag the model families declare ({@link Models#tags()}), e.g.
 *   gate=forget            one gate's slice of a packed recurrent parameter (LSTM input|forget|
 *                          cell|output, GRU reset|update|new)
 *   block=stage2.*         glob on the name of the residual block the parameter sits in
 *   stage=2                the parameter's stage (0 outside any stage)
 *   projection=query|key   a Transformer parameter's projection (query, key, value,
 *                          attention_out, mlp_in, mlp_out, token_embedding, position_embedding,
 *                          head)
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
                    + "), weight, bias, recurrent (hidden-to-hidden weights), name=glob,"
                    + " depth=N or depth=A..B, "
                    + String.join(", ", Models.tags().stream().map(TagKey::form).toList())
                    + ", each optionally negated with !";
    private final String text;
    private final Predicate<ParamContext> test;
    private final boolean namesSlices;

    private Selector(String text, Predicate<ParamContext> test, boolean namesSlices) {
        this.text = text;
        this.test = test;
        this.namesSlices = namesSlices;
    }

    /**
     * Whether a term names a tag that slices packed parameters ({@code gate=forget}): such a rule
     * must match some slice.
     */
    public boolean namesSlices() {
        return namesSlices;
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
        boolean slices =
                normalized.stream()
                        .anyMatch(
                                t ->
                                        Models.tags().stream()
                                                .filter(TagKey::slices)
                                                .anyMatch(
                                                        k ->
                                                                t.replace("!", "")
                                                                        .startsWith(
                                                                                k.name() + "=")));
        return new Selector(String.join(" & ", normalized), all, slices);
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
            case "depth" -> depth(value, whole);
            default -> {
                TagKey tag = declared(key);
                if (tag == null) {
                    throw unknown(term, whole);
                }
                yield tag(tag, value, whole);
            }
        };
    }

    private static TagKey declared(String key) {
        return Models.tags().stream().filter(t -> t.name().equals(key)).findFirst().orElse(null);
    }

    /**
     * A declared tag's term: alternatives joined by |, each a glob on the tag's value (numbered
     * tags compare as numbers); each alternative must be a value the tag accepts.
     */
    private static Predicate<ParamContext> tag(TagKey tag, String value, String whole) {
        List<Pattern> alternatives = new ArrayList<>();
        for (String raw : value.split("\\|", -1)) {
            String v = raw.trim();
            String refusal = tag.refusal(v);
            if (refusal != null) {
                throw new ConfigException(
                        (tag.numbered() ? "Bad " : "Unknown ")
                                + tag.name()
                                + " '"
                                + v
                                + "' in selector '"
                                + whole
                                + "'"
                                + Suggestions.didYouMean(v, tag.values())
                                + "; "
                                + refusal);
            }
            alternatives.add(glob(tag.numbered() ? Integer.toString(Integer.parseInt(v)) : v));
        }
        return c -> {
            String actual = c.tag(tag).toLowerCase(Locale.ROOT);
            return alternatives.stream().anyMatch(p -> p.matcher(actual).matches());
        };
    }

    private static Pattern glob(String value) {
        return Pattern.compile(
                Pattern.quote(value).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
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
                                "depth",
                                "weight",
                                "bias"));
        Models.tags().forEach(t -> words.add(t.name()));
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
