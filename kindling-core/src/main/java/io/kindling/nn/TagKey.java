package io.kindling.nn;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fact about a parameter that a family or a layer module declares and records as a tag of its
 * {@link ParamContext}, e.g. {@code gate=forget} on an LSTM's gate slice, {@code projection=query}
 * on an attention weight, {@code stage=2} in a convolutional stage. Init-plan selectors match every
 * declared tag by {@code name=value} (alternatives joined by {@code |}, {@code *} and {@code ?} as
 * wildcards), and {@code kindling plan} prints the tags beside each parameter, so a new fact costs
 * one declaration where it is recorded and one line in {@link Models#tags()}.
 *
 * @param name the key, a lower-case identifier such as {@code gate}
 * @param meaning what the tag says, for help texts and errors
 * @param values the accepted values, or empty when any value is accepted
 * @param absent what a parameter without the tag counts as ({@code ""}, or {@code 0} for stages)
 * @param numbered whether values are non-negative integers
 * @param slices whether the tag names slices of packed parameters (a rule naming it must match a
 *     slice)
 */
public record TagKey(
        String name,
        String meaning,
        List<String> values,
        String absent,
        boolean numbered,
        boolean slices) {

    public TagKey {
        Objects.requireNonNull(meaning, "meaning");
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a tag key is a lower-case identifier, got " + name);
        }
        values = List.copyOf(values);
        Objects.requireNonNull(absent, "absent");
    }

    /** A tag whose values are free text, matched by glob (e.g. {@code block=stage2.*}). */
    public static TagKey open(String name, String meaning) {
        return new TagKey(name, meaning, List.of(), "", false, false);
    }

    /** A tag with a closed set of values; a selector naming another value is refused. */
    public static TagKey closed(String name, String meaning, List<String> values) {
        return new TagKey(name, meaning, values, "", false, false);
    }

    /** A tag whose values are non-negative integers, 0 where the tag is absent. */
    public static TagKey numbered(String name, String meaning) {
        return new TagKey(name, meaning, List.of(), "0", true, false);
    }

    /** The same key, naming the slices a packed parameter is cut into (LSTM gates). */
    public TagKey namingSlices() {
        return new TagKey(name, meaning, values, absent, numbered, true);
    }

    /** How a selector writes the tag, e.g. {@code block=glob}, {@code stage=N}. */
    public String form() {
        return name + (numbered ? "=N" : values.isEmpty() ? "=glob" : "=NAME[|NAME…]");
    }

    /**
     * Checks one value a selector names.
     *
     * @return null if it is accepted, else why not (without the selector's text)
     */
    public String refusal(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (numbered && !v.matches("\\d+")) {
            return "write " + name + "=N with N >= 0 (" + meaning + ")";
        }
        if (!values.isEmpty() && !values.contains(v)) {
            return "accepted: " + String.join(", ", values);
        }
        return null;
    }
}
