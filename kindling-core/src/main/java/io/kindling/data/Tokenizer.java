package io.kindling.data;

import io.kindling.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Text ⇄ token ids, character- or byte-level, exact both ways ({@code decode(encode(s)) = s}).
 *
 * <ul>
 *   <li>{@code char}: one token per Unicode code point; the vocabulary is the sorted distinct code
 *       points of the corpus (as nanoGPT's {@code shakespeare_char}), so id i is the i-th smallest.
 *   <li>{@code byte}: one token per UTF-8 byte, a fixed vocabulary of 256; any text encodes.
 * </ul>
 *
 * @param kind character- or byte-level
 * @param alphabet the vocabulary in id order (char), or empty (byte)
 */
public record Tokenizer(Kind kind, String alphabet) {

    /** The level tokens are cut at. */
    public enum Kind {
        CHAR,
        BYTE;

        /** The text form, e.g. {@code char}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Tokenizer {
        Objects.requireNonNull(kind, "kind");
        alphabet = alphabet == null ? "" : alphabet;
        if (kind == Kind.CHAR && alphabet.isEmpty()) {
            throw new IllegalArgumentException("a character tokenizer needs an alphabet");
        }
    }

    /** The character tokenizer whose vocabulary is every distinct code point of {@code corpus}. */
    public static Tokenizer chars(String corpus) {
        TreeSet<Integer> points = new TreeSet<>();
        corpus.codePoints().forEach(points::add);
        StringBuilder b = new StringBuilder();
        points.forEach(b::appendCodePoint);
        return new Tokenizer(Kind.CHAR, b.toString());
    }

    /** The byte tokenizer (vocabulary 256). */
    public static Tokenizer bytes() {
        return new Tokenizer(Kind.BYTE, "");
    }

    /** Number of distinct tokens. */
    public int vocab() {
        return kind == Kind.BYTE ? 256 : (int) alphabet.codePoints().count();
    }

    /**
     * The ids of {@code text}.
     *
     * @throws ConfigException naming every character outside a character vocabulary
     */
    public int[] encode(String text) {
        if (kind == Kind.BYTE) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int[] ids = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                ids[i] = b[i] & 0xFF;
            }
            return ids;
        }
        int[] points = alphabet.codePoints().toArray();
        int[] ids = text.codePoints().map(c -> java.util.Arrays.binarySearch(points, c)).toArray();
        TreeSet<String> unknown = new TreeSet<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                unknown.add(describe(cps[i]));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    "characters outside the vocabulary: "
                            + String.join(", ", unknown)
                            + "; the vocabulary has "
                            + vocab()
                            + " characters: "
                            + printable());
        }
        return ids;
    }

    /**
     * The text of {@code ids}.
     *
     * @throws IllegalArgumentException if an id is outside the vocabulary
     */
    public String decode(int[] ids) {
        if (kind == Kind.BYTE) {
            byte[] b = new byte[ids.length];
            for (int i = 0; i < ids.length; i++) {
                check(ids[i]);
                b[i] = (byte) ids[i];
            }
            return new String(b, StandardCharsets.UTF_8);
        }
        int[] points = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            check(id);
            s.appendCodePoint(points[id]);
        }
        return s.toString();
    }

    private void check(int id) {
        if (id < 0 || id >= vocab()) {
            throw new IllegalArgumentException(
                    "token id " + id + " is outside the vocabulary [0, " + vocab() + ")");
        }
    }

    /** A token's text for class names and tables ({@code '\n'} as {@code \n}). */
    public String tokenName(int id) {
        check(id);
        return kind == Kind.BYTE
                ? String.format(Locale.ROOT, "0x%02x", id)
                : describe(alphabet.codePoints().toArray()[id]);
    }

    private String printable() {
        StringBuilder s = new StringBuilder();
        alphabet.codePoints()
                .forEach(
                        c ->
                                s.append(
                                        Character.isISOControl(c)
                                                ? describe(c)
                                                : new String(Character.toChars(c))));
        return s.toString();
    }

    private static String describe(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default ->
                    Character.isISOControl(c)
                            ? String.format(Locale.ROOT, "\\u%04x", c)
                            : "'" + new String(Character.toChars(c)) + "'";
        };
    }
}
