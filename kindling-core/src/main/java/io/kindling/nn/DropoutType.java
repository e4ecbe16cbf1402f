package io.kindling.nn;

import java.util.Arrays;
import java.util.List;

/**
 * The dropout of an MLP ({@code dropout_type=…}): {@code standard} (zero and rescale by 1/(1 − p))
 * or {@code alpha} (Klambauer et al. 2017, keeps SELU's mean and variance).
 */
public enum DropoutType {
    STANDARD("standard"),
    ALPHA("alpha");

    private final String text;

    DropoutType(String text) {
        this.text = text;
    }

    /** The text form, as in {@code dropout_type=alpha}. */
    public String text() {
        return text;
    }

    /** The text forms, in declaration order. */
    public static List<String> texts() {
        return Arrays.stream(values()).map(DropoutType::text).toList();
    }

    /** The value written {@code text}. */
    public static DropoutType parse(String text) {
        for (DropoutType v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "dropout_type must be one of " + texts() + ", got " + text);
    }

    @Override
    public String toString() {
        return text;
    }
}
