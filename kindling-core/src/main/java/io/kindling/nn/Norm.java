package io.kindling.nn;

import java.util.Arrays;
import java.util.List;

/**
 * A normalization after a weighted layer ({@code norm=…}): none, batch norm (over channels for
 * images, over features for rows, PyTorch's {@code BatchNorm2d}/{@code BatchNorm1d}) or layer norm
 * (rows only).
 */
public enum Norm {
    NONE("none"),
    BATCH("batch"),
    LAYER("layer");

    private final String text;

    Norm(String text) {
        this.text = text;
    }

    /** The text form, as in {@code norm=batch}. */
    public String text() {
        return text;
    }

    /** The text forms, in declaration order. */
    public static List<String> texts() {
        return Arrays.stream(values()).map(Norm::text).toList();
    }

    /** The value written {@code text}. */
    public static Norm parse(String text) {
        for (Norm v : values()) {
            if (v.text.equals(text)) {
                return v;
            }
        }
        throw new IllegalArgumentException("norm must be one of " + texts() + ", got " + text);
    }

    @Override
    public String toString() {
        return text;
    }
}
