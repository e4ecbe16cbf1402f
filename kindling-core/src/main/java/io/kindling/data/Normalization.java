package io.kindling.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns cleaned table rows into network inputs, with every value fitted on the training rows only
 * and applied unchanged to the other splits.
 *
 * <p>Numeric columns are scaled one by one:
 *
 * <ul>
 *   <li>{@code standardize}: {@code x' = (x - mean) / std}, population std (scikit-learn's {@code
 *       StandardScaler}); zero-mean, unit-variance inputs keep a network's first layer well
 *       conditioned (LeCun, Bottou, Orr &amp; Müller 1998, <i>Efficient BackProp</i>).
 *   <li>{@code minmax}: {@code x' = (x - min) / (max - min)}, so training values lie in [0, 1]
 *       (scikit-learn's {@code MinMaxScaler}).
 *   <li>{@code none}: {@code x' = x}.
 * </ul>
 *
 * A constant column (see {@link ColumnStats#isConstant}) is divided by 1, so its training values
 * all map to 0, as scikit-learn does.
 *
 * <p>A categorical column becomes one input per category seen in the training rows, sorted
 * (one-hot: 1 for the row's category, 0 for the others, as scikit-learn's {@code
 * OneHotEncoder(handle_unknown='ignore')}); a category the training rows never had gives all zeros,
 * and {@link #unseen} counts such values. Inputs keep the file's column order, a categorical
 * column's inputs named {@code column=category}.
 */
public final class Normalization {

    /** How numeric columns are scaled. */
    public enum Method {
        STANDARDIZE,
        MINMAX,
        NONE;

        /** The expression name, e.g. {@code minmax}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Method method;
    private final int[] columns;
    private final double[] offset;
    private final double[] scale;
    private final double[] max;
    private final List<List<String>> categories;
    private final List<Map<String, Integer>> index;
    private final List<String> featureNames;

    private Normalization(
            Method method,
            int[] columns,
            double[] offset,
            double[] scale,
            double[] max,
            List<List<String>> categories,
            List<String> names) {
        this.method = method;
        this.columns = columns;
        this.offset = offset;
        this.scale = scale;
        this.max = max;
        this.categories = categories;
        this.index = new ArrayList<>();
        this.featureNames = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            List<String> cats = categories.get(i);
            Map<String, Integer> positions = new HashMap<>();
            if (cats == null) {
                featureNames.add(names.get(i));
            } else {
                for (String c : cats) {
                    positions.put(c, positions.size());
                    featureNames.add(names.get(i) + "=" + c);
                }
            }
            index.add(positions);
        }
    }

    /**
     * Fits the scaling of every numeric input column and the categories of every categorical one on
     * {@code trainRows}, as {@code cleaned} gives their values.
     */
    public static Normalization fit(Method method, Cleaning cleaned, int[] trainRows) {
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("no training rows to fit a normalization on");
        }
        CsvTable table = cleaned.table();
        int[] columns = cleaned.features();
        double[] offset = new double[columns.length];
        double[] scale = new double[columns.length];
        double[] max = new double[columns.length];
        List<List<String>> categories = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            int c = columns[i];
            names.add(table.columns().get(c));
            scale[i] = 1;
            if (!table.isNumeric(c)) {
                TreeSet<String> seen = new TreeSet<>();
                for (int r : trainRows) {
                    seen.add(cleaned.category(r, c));
                }
                categories.add(List.copyOf(seen));
                continue;
            }
            categories.add(null);
            double[] v = new double[trainRows.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = cleaned.number(trainRows[k], c);
            }
            if (method == Method.STANDARDIZE) {
                ColumnStats.Moments m = ColumnStats.moments(v);
                offset[i] = m.mean();
                scale[i] = ColumnStats.isConstant(v, m) ? 1 : m.std();
            } else if (method == Method.MINMAX) {
                double min = Arrays.stream(v).min().orElseThrow();
                max[i] = Arrays.stream(v).max().orElseThrow();
                double range = max[i] - min;
                offset[i] = min;
                // scikit-learn's _handle_zeros_in_scale: a range below 10·eps counts as zero.
                scale[i] = range < 10 * Math.ulp(1.0) ? 1 : range;
            }
        }
        return new Normalization(method, columns, offset, scale, max, categories, names);
    }

    /** Inputs per row: one per numeric column plus one per training category. */
    public int features() {
        return featureNames.size();
    }

    /** One name per input: the column, or {@code column=category} for one-hot inputs. */
    public List<String> featureNames() {
        return List.copyOf(featureNames);
    }

    /** The numeric scaling method. */
    public Method method() {
        return method;
    }

    /**
     * The inputs of {@code rows}, {@code rows.length × features()}, row-major.
     *
     * @param cleaned gives each cell after imputation and clipping
     */
    public float[] encode(Cleaning cleaned, int[] rows) {
        int width = features();
        float[] out = new float[rows.length * width];
        for (int k = 0; k < rows.length; k++) {
            int at = k * width;
            for (int i = 0; i < columns.length; i++) {
                if (categories.get(i) == null) {
                    out[at++] =
                            (float) ((cleaned.number(rows[k], columns[i]) - offset[i]) / scale[i]);
                } else {
                    Integer hot = index.get(i).get(cleaned.category(rows[k], columns[i]));
                    if (hot != null) {
                        out[at + hot] = 1;
                    }
                    at += categories.get(i).size();
                }
            }
        }
        return out;
    }

    /**
     * Per categorical column, how many of {@code rows} hold a category the training rows never had
     * (encoded as all zeros); columns without any are left out.
     */
    public Map<String, Integer> unseen(Cleaning cleaned, int[] rows) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            if (categories.get(i) == null) {
                continue;
            }
            int n = 0;
            for (int r : rows) {
                n += index.get(i).containsKey(cleaned.category(r, columns[i])) ? 0 : 1;
            }
            if (n > 0) {
                out.put(cleaned.table().columns().get(columns[i]), n);
            }
        }
        return out;
    }

    /**
     * The fitted values, JSON-ready: per numeric column its mean and std (standardize) or min and
     * max (minmax), per categorical column its categories, and the input names.
     */
    public Map<String, Object> fittedValues(CsvTable table) {
        Map<String, Object> numeric = new LinkedHashMap<>();
        Map<String, Object> categorical = new LinkedHashMap<>();
        for (int i = 0; i < columns.length; i++) {
            String name = table.columns().get(columns[i]);
            if (categories.get(i) != null) {
                categorical.put(name, categories.get(i));
            } else if (method == Method.STANDARDIZE) {
                numeric.put(name, CleaningStep.ordered("mean", offset[i], "std", scale[i]));
            } else if (method == Method.MINMAX) {
                numeric.put(name, CleaningStep.ordered("min", offset[i], "max", max[i]));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method.key());
        out.put("columns", numeric);
        out.put("categories", categorical);
        out.put("features", featureNames());
        return out;
    }
}
