package io.kindling.data;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A classification table ({@link CsvSpec}): the cleaned but not yet normalized rows of a {@link
 * CsvTable}, split into training, test and (after {@link #withValidation}) validation rows, with
 * the imputation, outlier rule and normalization fitted on the training rows. Rows become inputs
 * only when a split is turned into engine arrays.
 *
 * <p>The classes are the target column's distinct values in the cleaned rows, sorted (numerically
 * for a numeric column), named by their text. The test split is a stratified holdout of the cleaned
 * rows; dropping outliers only ever removes training rows.
 */
public final class TabularData implements Dataset {

    private final CsvSpec spec;
    private final CsvTable table;
    private final int target;
    private final List<String> classNames;
    private final int[] labels;
    private final List<CleaningStep> tableSteps;
    private final int cleanedRows;
    private final int[] trainRows;
    private final int[] validationRows;
    private final int[] testRows;
    private final Cleaning cleaning;
    private final Normalization normalization;

    private TabularData(
            CsvSpec spec,
            CsvTable table,
            int target,
            List<String> classNames,
            int[] labels,
            List<CleaningStep> tableSteps,
            int cleanedRows,
            int[] fitRows,
            int[] validationRows,
            int[] testRows) {
        this.spec = spec;
        this.table = table;
        this.target = target;
        this.classNames = classNames;
        this.labels = labels;
        this.tableSteps = tableSteps;
        this.cleanedRows = cleanedRows;
        this.validationRows = validationRows;
        this.testRows = testRows;
        this.cleaning =
                Cleaning.fit(table, target, fitRows, spec.impute(), spec.outliers(), spec.z());
        this.trainRows = cleaning.trainRows();
        this.normalization = Normalization.fit(spec.normalize(), cleaning, trainRows);
    }

    /**
     * Cleans {@code table}, finds the classes and holds out the test split as {@code spec} says
     * ({@code spec.path()} is not read).
     *
     * @throws DataException if the target column is missing or has fewer than two classes
     */
    public static TabularData from(CsvTable table, CsvSpec spec) {
        int target = table.column(spec.target());
        int[] all = IntStream.range(0, table.rows()).toArray();
        CleaningStep dedupe =
                spec.dedupe()
                        ? Cleaning.dropDuplicates(table, all)
                        : new CleaningStep(all, List.of(), Map.of("duplicates_dropped", 0));
        CleaningStep present = Cleaning.dropMissingTarget(table, dedupe.kept(), target);
        int[] rows = present.kept();
        List<String> classNames = new ArrayList<>();
        int[] labels = labels(table, target, rows, classNames);
        if (classNames.size() < 2) {
            throw new DataException(
                    table.source()
                            + ": the target column '"
                            + spec.target()
                            + "' has "
                            + classNames.size()
                            + " distinct value(s) "
                            + classNames
                            + " in the "
                            + rows.length
                            + " cleaned rows; a classifier needs at least two");
        }
        int[] cleanedLabels = IntStream.of(rows).map(r -> labels[r]).toArray();
        int[][] split;
        try {
            split = Splits.holdout(cleanedLabels, spec.testFraction(), spec.seed());
        } catch (IllegalArgumentException e) {
            throw new DataException(table.source() + ": " + e.getMessage(), e);
        }
        return new TabularData(
                spec,
                table,
                target,
                List.copyOf(classNames),
                labels,
                List.of(dedupe, present),
                rows.length,
                Splits.map(rows, split[0]),
                new int[0],
                Splits.map(rows, split[1]));
    }

    @Override
    public String name() {
        String file = Path.of(table.source()).getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    @Override
    public int features() {
        return normalization.features();
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String source() {
        return table.source()
                + " ("
                + table.rows()
                + " rows, "
                + cleanedRows
                + " after cleaning: "
                + trainRows.length
                + " train / "
                + validationRows.length
                + " validation / "
                + testRows.length
                + " test)";
    }

    @Override
    public int trainSize() {
        return trainRows.length;
    }

    @Override
    public int testSize() {
        return testRows.length;
    }

    @Override
    public int validationSize() {
        return validationRows.length;
    }

    @Override
    public int[] trainTargets() {
        return targets(trainRows);
    }

    /** The table rows (0-based, header not counted) of the training split. */
    public int[] trainRows() {
        return trainRows.clone();
    }

    /** The table rows of the validation split (empty when there is none). */
    public int[] validationRows() {
        return validationRows.clone();
    }

    /** The table rows of the test split. */
    public int[] testRows() {
        return testRows.clone();
    }

    /** The table the rows come from. */
    public CsvTable table() {
        return table;
    }

    /** The test split's labels (class indices) in row order. */
    public int[] testTargets() {
        return targets(testRows);
    }

    @Override
    public TensorDataset train(NDManager manager) {
        return tensors(trainRows, manager);
    }

    @Override
    public TensorDataset test(NDManager manager) {
        return tensors(testRows, manager);
    }

    @Override
    public TensorDataset validation(NDManager manager) {
        return validationRows.length == 0 ? null : tensors(validationRows, manager);
    }

    /**
     * This table with its training rows divided in two; imputation, the outlier rule and the
     * normalization are refitted on {@code trainRows} (so {@code outliers=drop} may drop a few of
     * them), the test rows are unchanged and any earlier validation rows are let go.
     */
    @Override
    public TabularData withValidation(int[] trainRows, int[] validationRows) {
        Splits.checkRows(trainRows, validationRows, this.trainRows.length);
        return new TabularData(
                spec,
                table,
                target,
                classNames,
                labels,
                tableSteps,
                cleanedRows,
                Splits.map(this.trainRows, trainRows),
                Splits.map(this.trainRows, validationRows),
                testRows);
    }

    @Override
    public Standardization fitStandardization() {
        return Standardization.fit(normalization.encode(cleaning, trainRows));
    }

    /** The inputs of the training split, {@code trainSize() × features()}, row-major. */
    public float[] trainInputs() {
        return normalization.encode(cleaning, trainRows);
    }

    /** One name per input column, e.g. {@code sepal_length} or {@code color=red}. */
    public List<String> featureNames() {
        return normalization.featureNames();
    }

    /** What cleaning and normalization did, one line each, for the console. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "read "
                        + table.rows()
                        + " rows of "
                        + table.source()
                        + "; "
                        + cleanedRows
                        + " after cleaning; "
                        + trainRows.length
                        + " train / "
                        + validationRows.length
                        + " validation / "
                        + testRows.length
                        + " test (stratified, seed "
                        + spec.seed()
                        + ")");
        for (CleaningStep step : steps()) {
            lines.addAll(step.lines());
        }
        splits().forEach(
                        (split, rows) -> {
                            Map<String, Integer> unseen = normalization.unseen(cleaning, rows);
                            if (!unseen.isEmpty()) {
                                lines.add(
                                        split
                                                + ": "
                                                + CleaningStep.plural(
                                                        CleaningStep.total(unseen), "value")
                                                + " with a category not seen in training, encoded as all zeros ("
                                                + CleaningStep.perColumn(unseen)
                                                + ")");
                            }
                        });
        return lines;
    }

    @Override
    public Map<String, Object> preprocessing() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (CleaningStep step : steps()) {
            counts.putAll(step.counts());
        }
        splits().forEach(
                        (split, rows) -> {
                            if (!split.equals("train")) {
                                counts.put(
                                        "unseen_categories_" + split,
                                        normalization.unseen(cleaning, rows));
                            }
                        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "csv");
        out.put("file", table.source());
        out.put("target", spec.target());
        out.put("classes", classNames);
        out.put(
                "rows",
                CleaningStep.ordered(
                        "read",
                        table.rows(),
                        "after_cleaning",
                        cleanedRows,
                        "train",
                        trainRows.length,
                        "validation",
                        validationRows.length,
                        "test",
                        testRows.length));
        out.put("cleaning", counts);
        out.putAll(cleaning.fittedValues());
        out.put("normalization", normalization.fittedValues(table));
        out.put("report", report());
        return out;
    }

    @Override
    public int[] imageShape() {
        return null;
    }

    @Override
    public String toString() {
        return name() + " table, " + features() + " inputs, " + classes() + " classes, " + source();
    }

    private List<CleaningStep> steps() {
        List<CleaningStep> steps = new ArrayList<>(tableSteps);
        steps.add(cleaning.fitReport());
        splits().forEach((split, rows) -> steps.add(cleaning.applied(rows, split)));
        return steps;
    }

    private Map<String, int[]> splits() {
        Map<String, int[]> out = new LinkedHashMap<>();
        out.put("train", trainRows);
        if (validationRows.length > 0) {
            out.put("validation", validationRows);
        }
        out.put("test", testRows);
        return out;
    }

    private int[] targets(int[] rows) {
        return IntStream.of(rows).map(r -> labels[r]).toArray();
    }

    private TensorDataset tensors(int[] rows, NDManager manager) {
        return TensorDataset.of(
                normalization.encode(cleaning, rows),
                targets(rows),
                features(),
                classes(),
                manager);
    }

    /**
     * The class of every table row ({@code -1} where the target is missing), filling {@code names}
     * with the sorted distinct values of {@code rows}.
     */
    private static int[] labels(CsvTable table, int target, int[] rows, List<String> names) {
        int[] labels = new int[table.rows()];
        Arrays.fill(labels, -1);
        boolean numeric = table.isNumeric(target);
        // A numeric target sorts by value (2 before 10); 5 and 5.0 are one class, named as
        // first written. Adding 0.0 makes -0 and 0 the same key.
        TreeMap<Object, String> byValue = new TreeMap<>();
        for (int r : rows) {
            byValue.putIfAbsent(key(table, r, target, numeric), table.text(r, target));
        }
        Map<Object, Integer> index = new HashMap<>();
        byValue.forEach(
                (value, name) -> {
                    index.put(value, names.size());
                    names.add(name);
                });
        for (int r : rows) {
            labels[r] = index.get(key(table, r, target, numeric));
        }
        return labels;
    }

    private static Object key(CsvTable table, int row, int column, boolean numeric) {
        return numeric ? (Object) (table.number(row, column) + 0.0) : table.text(row, column);
    }
}
