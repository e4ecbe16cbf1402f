package io.kindling.report;

import io.kindling.init.PlanRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** The table as lines of text. */
    public static List<String> render(List<PlanRow> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (PlanRow r : rows) {
            cells.add(
                    new String[] {
                        r.parameter(),
                        r.shape(),
                        String.valueOf(r.fanIn()),
                        String.valueOf(r.fanOut()),
                        r.rule(),
                        r.initializer(),
                        num(r.expectedStd()),
                        num(r.sampledStd())
                    });
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i == 2 || i == 3 || i >= 6;
                String f = "%" + (numeric ? "" : "-") + width[i] + "s";
                b.append(String.format(Locale.ROOT, f, row[i]))
                        .append(i + 1 < row.length ? "  " : "");
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
