package io.kindling.report;

import io.kindling.init.PlanRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the init plan as an aligned text table, one row per parameter. */
public final class PlanTable {

    private static final String[] HEADER = {
        "parameter",
        "shape",
        "fan_in",
        "fan_out",
        "rule",
        "initializer",
        "expected_std",
        "sampled_std"
    };

    private PlanTable() {}

    /**
     * The table as lines of text; a {@code tags} column follows the fans when any parameter has
     * tags.
     */
    public static List<String> render(List<PlanRow> rows) {
        boolean tagged = rows.stream().anyMatch(r -> !r.tags().isEmpty());
        List<String[]> cells = new ArrayList<>();
        cells.add(tagged ? withTags(HEADER, "tags") : HEADER);
        for (PlanRow r : rows) {
            String[] row = {
                r.parameter(),
                r.shape(),
                String.valueOf(r.fanIn()),
                String.valueOf(r.fanOut()),
                r.rule(),
                r.initializer(),
                num(r.expectedStd()),
                num(r.sampledStd())
            };
            cells.add(tagged ? withTags(row, tagText(r.tags())) : row);
        }
        int firstStd = tagged ? 7 : 6;
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i == 2 || i == 3 || i >= firstStd;
                String f = "%" + (numeric ? "" : "-") + width[i] + "s";
                b.append(String.format(Locale.ROOT, f, row[i]))
                        .append(i + 1 < row.length ? "  " : "");
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    private static String[] withTags(String[] row, String tags) {
        String[] out = new String[row.length + 1];
        System.arraycopy(row, 0, out, 0, 4);
        out[4] = tags;
        System.arraycopy(row, 4, out, 5, row.length - 4);
        return out;
    }

    private static String tagText(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
