package io.kindling.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one cleaning step did: the rows it kept, one human-readable line per change and the same
 * changes as counts for JSON.
 *
 * @param kept the rows kept (table row indices, ascending); all rows for a step that drops none
 * @param lines what changed, e.g. {@code dropped 1 exact duplicate row: line 144 (same as line
 *     103)}
 * @param counts what changed as JSON-ready values, e.g. {@code duplicates_dropped=1}
 */
public record CleaningStep(int[] kept, List<String> lines, Map<String, Object> counts) {

    public CleaningStep {
        lines = List.copyOf(lines);
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * Up to ten file line numbers of {@code rows}, e.g. {@code 14, 88 and 3 more}, for report
     * lines.
     */
    static String lineList(CsvTable table, int[] rows) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(rows.length, 10);
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : ", ").append(table.line(rows[i]));
        }
        if (rows.length > shown) {
            out.append(" and ").append(rows.length - shown).append(" more");
        }
        return out.toString();
    }

    /** {@code 1 value} / {@code 3 values}. */
    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** A map that keeps the order given, for JSON: {@code ordered("mean", 1.5, "std", 2.0)}. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** The sum of per-column counts. */
    static int total(Map<String, Integer> perColumn) {
        return perColumn.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Per-column counts as {@code x 2, color 1}. */
    static String perColumn(Map<String, Integer> perColumn) {
        List<String> parts = new ArrayList<>();
        perColumn.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }
}
