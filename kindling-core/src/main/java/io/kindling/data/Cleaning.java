package io.kindling.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Cleaning of a {@link CsvTable}, each step reporting what it changed ({@link CleaningStep}).
 *
 * <p>Two steps look at every row and are the same whatever the split: {@link #dropDuplicates} and
 * {@link #dropMissingTarget}. The others are fitted on the training rows only and applied unchanged
 * to every split ({@link #fit}), so nothing about the test rows leaks into training:
 *
 * <ul>
 *   <li>Imputation, as scikit-learn's {@code SimpleImputer} (Pedregosa et al. 2011, JMLR 12): a
 *       missing numeric cell becomes the training column's {@code mean}, {@code median} (the mean
 *       of the two middle values for an even count) or {@code most_frequent} value (the smallest on
 *       ties); a missing categorical cell always the most frequent category (the first in sort
 *       order on ties).
 *   <li>Outliers by z-score (the three-sigma rule; Iglewicz &amp; Hoaglin 1993, <i>How to Detect
 *       and Handle Outliers</i>): {@code z = (x - mean) / std} with the mean and population std of
 *       the imputed training column. {@code clip} moves every value, in every split, into {@code
 *       [mean - z·std, mean + z·std]}; {@code drop} removes the training rows with {@code |z|}
 *       above the threshold in any numeric column (test rows are never dropped); {@code none}
 *       leaves them. A constant column has no outliers.
 * </ul>
 *
 * <p>Example: {@code csv(path='data.csv', target=label, impute=median, outliers=clip, z=3)}.
 */
public final class Cleaning {

    /** How a missing numeric cell is filled. */
    public enum Impute {
        MEAN,
        MEDIAN,
        MOST_FREQUENT;

        /** The expression name, e.g. {@code most_frequent}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens to a value with {@code |z|} above the threshold. */
    public enum Outliers {
        NONE,
        CLIP,
        DROP;

        /** The expression name, e.g. {@code clip}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final CsvTable table;
    private final int[] features;
    private final Impute impute;
    private final double[] fillNumber;
    private final String[] fillText;
    private final Outliers outliers;
    private final double z;
    private final double[] mean;
    private final double[] std;
    private final CleaningStep fitted;

    private Cleaning(
            CsvTable table,
            int[] features,
            Impute impute,
            double[] fillNumber,
            String[] fillText,
            Outliers outliers,
            double z,
            double[] mean,
            double[] std,
            int[] trainRows) {
        this.table = table;
        this.features = features;
        this.impute = impute;
        this.fillNumber = fillNumber;
        this.fillText = fillText;
        this.outliers = outliers;
        this.z = z;
        this.mean = mean;
        this.std = std;
        this.fitted = fitReport(trainRows);
    }

    /**
     * Keeps the first of every set of identical rows (numeric cells compared as numbers, so {@code
     * 5} and {@code 5.0} are the same; missing cells equal each other).
     */
    public static CleaningStep dropDuplicates(CsvTable table, int[] rows) {
        Map<List<Object>, Integer> first = new HashMap<>();
        List<Integer> kept = new ArrayList<>();
        List<String> repeats = new ArrayList<>();
        for (int r : rows) {
            Integer earlier = first.putIfAbsent(key(table, r), r);
            if (earlier == null) {
                kept.add(r);
            } else {
                repeats.add(
                        "line " + table.line(r) + " (same as line " + table.line(earlier) + ")");
            }
        }
        int dropped = repeats.size();
        List<String> lines =
                dropped == 0
                        ? List.of()
                        : List.of(
                                "dropped "
                                        + CleaningStep.plural(dropped, "exact duplicate row")
                                        + ": "
                                        + String.join(
                                                ", ", repeats.subList(0, Math.min(dropped, 10)))
                                        + (dropped > 10 ? " and " + (dropped - 10) + " more" : ""));
        return new CleaningStep(
                kept.stream().mapToInt(Integer::intValue).toArray(),
                lines,
                Map.of("duplicates_dropped", dropped));
    }

    /** Drops the rows whose target cell is missing. */
    public static CleaningStep dropMissingTarget(CsvTable table, int[] rows, int target) {
        int[] dropped = IntStream.of(rows).filter(r -> table.isMissing(r, target)).toArray();
        List<String> lines =
                dropped.length == 0
                        ? List.of()
                        : List.of(
                                "dropped "
                                        + CleaningStep.plural(dropped.length, "row")
                                        + " with a missing target '"
                                        + table.columns().get(target)
                                        + "': line"
                                        + (dropped.length == 1 ? " " : "s ")
                                        + CleaningStep.lineList(table, dropped));
        return new CleaningStep(
                IntStream.of(rows).filter(r -> !table.isMissing(r, target)).toArray(),
                lines,
                Map.of("missing_target_dropped", dropped.length));
    }

    /**
     * Fits imputation and the outlier rule on {@code trainRows} (every column but the target).
     *
     * @param z the threshold on {@code |z|}, positive
     * @throws DataException if a column has no value at all in the training rows
     */
    public static Cleaning fit(
            CsvTable table,
            int target,
            int[] trainRows,
            Impute impute,
            Outliers outliers,
            double z) {
        if (!(z > 0)) {
            throw new IllegalArgumentException("outlier threshold z must be > 0, got " + z);
        }
        int[] features =
                IntStream.range(0, table.columns().size()).filter(c -> c != target).toArray();
        int n = table.columns().size();
        double[] fillNumber = new double[n];
        String[] fillText = new String[n];
        double[] mean = new double[n];
        double[] std = new double[n];
        Arrays.fill(fillNumber, Double.NaN);
        for (int c : features) {
            if (table.isNumeric(c)) {
                double[] v = present(table, trainRows, c);
                fillNumber[c] =
                        switch (impute) {
                            case MEAN -> ColumnStats.moments(v).mean();
                            case MEDIAN -> ColumnStats.median(v);
                            case MOST_FREQUENT -> ColumnStats.mostFrequent(v);
                        };
                double[] filled = new double[trainRows.length];
                for (int i = 0; i < filled.length; i++) {
                    double x = table.number(trainRows[i], c);
                    filled[i] = Double.isNaN(x) ? fillNumber[c] : x;
                }
                ColumnStats.Moments m = ColumnStats.moments(filled);
                mean[c] = m.mean();
                std[c] = ColumnStats.isConstant(filled, m) ? 0 : m.std();
            } else {
                fillText[c] = mostFrequentCategory(table, trainRows, c);
            }
        }
        return new Cleaning(
                table, features, impute, fillNumber, fillText, outliers, z, mean, std, trainRows);
    }

    /** The training rows left after the outlier rule ({@code drop} removes some). */
    public int[] trainRows() {
        return fitted.kept();
    }

    /** What fitting did: imputation values and the outlier rule, and rows dropped. */
    public CleaningStep fitReport() {
        return fitted;
    }

    /** The table this was fitted on. */
    public CsvTable table() {
        return table;
    }

    /** The input columns (every column but the target), in file order. */
    public int[] features() {
        return features.clone();
    }

    /** A numeric cell after imputation and clipping. */
    public double number(int row, int column) {
        double x = table.number(row, column);
        if (Double.isNaN(x)) {
            x = fillNumber[column];
        }
        if (outliers == Outliers.CLIP && std[column] > 0) {
            double reach = z * std[column];
            x = Math.max(mean[column] - reach, Math.min(mean[column] + reach, x));
        }
        return x;
    }

    /** A categorical cell after imputation. */
    public String category(int row, int column) {
        String s = table.text(row, column);
        return s == null ? fillText[column] : s;
    }

    /**
     * How many cells of {@code rows} were imputed and how many values clipped, per column.
     *
     * @param split the split's name for the report, e.g. {@code test}
     */
    public CleaningStep applied(int[] rows, String split) {
        Map<String, Integer> imputed = new LinkedHashMap<>();
        Map<String, Integer> clipped = new LinkedHashMap<>();
        for (int c : features) {
            int missing = 0;
            int clips = 0;
            for (int r : rows) {
                missing += table.isMissing(r, c) ? 1 : 0;
                clips +=
                        table.isNumeric(c)
                                        && table.number(r, c) != number(r, c)
                                        && !table.isMissing(r, c)
                                ? 1
                                : 0;
            }
            String name = table.columns().get(c);
            if (missing > 0) {
                imputed.put(name, missing);
            }
            if (clips > 0) {
                clipped.put(name, clips);
            }
        }
        List<String> lines = new ArrayList<>();
        if (!imputed.isEmpty()) {
            lines.add(
                    split
                            + ": imputed "
                            + CleaningStep.plural(CleaningStep.total(imputed), "missing value")
                            + " ("
                            + CleaningStep.perColumn(imputed)
                            + ")");
        }
        if (!clipped.isEmpty()) {
            lines.add(
                    split
                            + ": clipped "
                            + CleaningStep.plural(CleaningStep.total(clipped), "value")
                            + " to mean ± "
                            + ColumnStats.format(z)
                            + "·std ("
                            + CleaningStep.perColumn(clipped)
                            + ")");
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("imputed_" + split, imputed);
        if (outliers == Outliers.CLIP) {
            counts.put("clipped_" + split, clipped);
        }
        return new CleaningStep(rows, lines, counts);
    }

    /** The fitted values, JSON-ready: the fill value and outlier statistics of each column. */
    public Map<String, Object> fittedValues() {
        Map<String, Object> fill = new LinkedHashMap<>();
        Map<String, Object> stats = new LinkedHashMap<>();
        for (int c : features) {
            String name = table.columns().get(c);
            fill.put(name, table.isNumeric(c) ? (Object) fillNumber[c] : fillText[c]);
            if (table.isNumeric(c) && outliers != Outliers.NONE) {
                stats.put(name, CleaningStep.ordered("mean", mean[c], "std", std[c]));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("impute", CleaningStep.ordered("strategy", impute.key(), "values", fill));
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("mode", outliers.key());
        rule.put("z", z);
        rule.put("columns", stats);
        out.put("outliers", rule);
        return out;
    }

    private CleaningStep fitReport(int[] trainRows) {
        List<String> lines = new ArrayList<>();
        List<String> fills = new ArrayList<>();
        for (int c : features) {
            boolean anyMissing =
                    IntStream.range(0, table.rows()).anyMatch(r -> table.isMissing(r, c));
            if (anyMissing) {
                fills.add(
                        table.columns().get(c)
                                + " = "
                                + (table.isNumeric(c)
                                        ? ColumnStats.format(fillNumber[c])
                                                + " ("
                                                + impute.key()
                                                + ")"
                                        : fillText[c] + " (most frequent)"));
            }
        }
        if (!fills.isEmpty()) {
            lines.add(
                    "imputation fitted on "
                            + CleaningStep.plural(trainRows.length, "training row")
                            + ": "
                            + String.join(", ", fills));
        }
        int[] kept = trainRows;
        if (outliers == Outliers.DROP) {
            kept = IntStream.of(trainRows).filter(r -> !isOutlier(r)).toArray();
            int[] dropped = IntStream.of(trainRows).filter(this::isOutlier).toArray();
            if (dropped.length > 0) {
                lines.add(
                        "dropped "
                                + CleaningStep.plural(dropped.length, "training row")
                                + " with |z| > "
                                + ColumnStats.format(z)
                                + ": line"
                                + (dropped.length == 1 ? " " : "s ")
                                + CleaningStep.lineList(table, dropped));
            }
        }
        return new CleaningStep(
                kept, lines, Map.of("outlier_rows_dropped", trainRows.length - kept.length));
    }

    private boolean isOutlier(int row) {
        for (int c : features) {
            if (table.isNumeric(c)
                    && std[c] > 0
                    && Math.abs(number(row, c) - mean[c]) / std[c] > z) {
                return true;
            }
        }
        return false;
    }

    private static double[] present(CsvTable table, int[] rows, int c) {
        double[] v =
                IntStream.of(rows)
                        .mapToDouble(r -> table.number(r, c))
                        .filter(x -> !Double.isNaN(x))
                        .toArray();
        if (v.length == 0) {
            throw nothingToImpute(table, rows, c);
        }
        return v;
    }

    private static String mostFrequentCategory(CsvTable table, int[] rows, int c) {
        List<String> present =
                IntStream.of(rows)
                        .filter(r -> !table.isMissing(r, c))
                        .mapToObj(r -> table.text(r, c))
                        .toList();
        if (present.isEmpty()) {
            throw nothingToImpute(table, rows, c);
        }
        return ColumnStats.mostFrequent(present);
    }

    private static DataException nothingToImpute(CsvTable table, int[] rows, int c) {
        return new DataException(
                table.source()
                        + ": column '"
                        + table.columns().get(c)
                        + "' has no value in the "
                        + rows.length
                        + " training rows, so there is"
                        + " nothing to impute it from; remove the column");
    }

    private static List<Object> key(CsvTable table, int row) {
        List<Object> key = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            key.add(table.isNumeric(c) ? (Object) table.number(row, c) : table.text(row, c));
        }
        return key;
    }
}
