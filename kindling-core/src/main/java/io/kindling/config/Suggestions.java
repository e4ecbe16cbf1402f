package io.kindling.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" hints: the known names closest to a misspelt one by Damerau–Levenshtein
 * distance (optimal string alignment, so a swap of two neighbours such as {@code he_nromal}/{@code
 * he_normal} costs 1).
 */
public final class Suggestions {

    private Suggestions() {}

    /**
     * Up to {@code max} names from {@code known} close enough to {@code typed} to be a likely typo,
     * nearest first (ties alphabetically). Case and the difference between '-' and '_' are ignored
     * when measuring. A known name that contains what was typed (at least three characters, e.g.
     * {@code kaiming}) also counts as close.
     */
    public static List<String> closest(String typed, Collection<String> known, int max) {
        String t = normalize(typed);
        int limit = t.length() <= 3 ? 1 : t.length() <= 6 ? 2 : 3;
        record Scored(String name, int distance) {}
        List<Scored> close = new ArrayList<>();
        for (String name : known) {
            String n = normalize(name);
            int d = distance(t, n);
            if (d <= limit || (t.length() >= 3 && n.contains(t))) {
                close.add(new Scored(name, d));
            }
        }
        return close.stream()
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    /**
     * Message fragment {@code "; did you mean a, b or c?"} for the three closest names, or empty
     * when none is close.
     */
    public static String didYouMean(String typed, Collection<String> known) {
        List<String> close = closest(typed, known, 3);
        if (close.isEmpty()) {
            return "";
        }
        String last = close.get(close.size() - 1);
        String head = String.join(", ", close.subList(0, close.size() - 1));
        return "; did you mean " + (head.isEmpty() ? last : head + " or " + last) + "?";
    }

    /**
     * Edit distance counting insertions, deletions, substitutions and transpositions of adjacent
     * characters as one edit each.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
