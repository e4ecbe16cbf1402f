package io.kindling.data.series;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.data.DataException;
import io.kindling.data.Dataset;
import io.kindling.data.Standardization;
import io.kindling.data.TargetKind;
import io.kindling.data.TensorDataset;
import io.kindling.nn.InputShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series as a forecasting dataset ({@link SeriesSpec}): three contiguous stretches in time order
 * (train, validation, test), the values standardized with the training stretch's mean and std, and
 * each stretch cut into its own windows. Examples are rows of {@code window} steps of the series'
 * value and any further inputs ({@link InputShape#sequence}{@code (window, 1 + inputs)}, each
 * column standardized with its own training statistics), targets float {@code (N, horizon)}.
 *
 * <p>The trainer shuffles the training windows among themselves; no window ever spans two
 * stretches, so nothing of the validation or test time range is seen in training.
 */
public final class SeriesData implements Dataset, Forecasting {

    private final SeriesSpec spec;
    private final Series series;
    private final int trainEnd;
    private final int validationEnd;
    private final double mean;
    private final double std;
    private final double[] normalized;
    private final double[] means;
    private final double[] stds;
    private final double[][] scaled;
    private final Forecast forecast;
    private final Windows.Windowed train;
    private final Windows.Windowed validation;
    private final Windows.Windowed test;

    private SeriesData(SeriesSpec spec, Series series, int trainEnd, int validationEnd) {
        this.spec = spec;
        this.series = series;
        this.trainEnd = trainEnd;
        this.validationEnd = validationEnd;
        double[] values = series.values();
        check(trainEnd, validationEnd);
        double[][] columns = series.columns();
        this.means = new double[columns.length];
        this.stds = new double[columns.length];
        this.scaled = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            double[] col = columns[c];
            double m = 0;
            for (int t = 0; t < trainEnd; t++) {
                m += col[t];
            }
            m /= trainEnd;
            double v = 0;
            for (int t = 0; t < trainEnd; t++) {
                v += (col[t] - m) * (col[t] - m);
            }
            double s = Math.sqrt(v / trainEnd);
            if (spec.normalize() && !(s > 0)) {
                throw new DataException(
                        series.source()
                                + ": "
                                + (c == 0 ? "the series" : "input " + c)
                                + " is constant ("
                                + m
                                + ") over the training part (values 0 to "
                                + (trainEnd - 1)
                                + "), so it cannot be standardized; use normalize=false");
            }
            means[c] = spec.normalize() ? m : 0;
            stds[c] = spec.normalize() ? s : 1;
            scaled[c] = new double[values.length];
            for (int t = 0; t < values.length; t++) {
                scaled[c][t] = (col[t] - means[c]) / stds[c];
            }
        }
        this.mean = means[0];
        this.std = stds[0];
        this.normalized = scaled[0];
        Windows w = spec.windows();
        this.train = w.cut(scaled, 0, trainEnd);
        this.validation = w.cut(scaled, trainEnd, validationEnd);
        this.test = w.cut(scaled, validationEnd, values.length);
        double scale = Forecast.seasonalScale(Arrays.copyOf(normalized, trainEnd), spec.season());
        if (!(scale > 0)) {
            throw new DataException(
                    series.source()
                            + ": the training part repeats itself exactly with period season="
                            + spec.season()
                            + ", so MASE has no scale; choose another season");
        }
        this.forecast =
                new Forecast(w.window(), w.horizon(), spec.season(), scale, series.perStep());
    }

    /**
     * Splits, normalizes and windows {@code series} as {@code spec} says.
     *
     * @throws DataException if a part is too short for one window, naming the lengths
     */
    public static SeriesData of(SeriesSpec spec, Series series) {
        int[] b = spec.split().bounds(series.length());
        return new SeriesData(spec, series, b[0], b[1]);
    }

    private void check(int trainEnd, int validationEnd) {
        Windows w = spec.windows();
        int length = series.length();
        if (w.span() > length) {
            throw new DataException(
                    series.source()
                            + " has "
                            + length
                            + " values, fewer than window="
                            + w.window()
                            + " + horizon="
                            + w.horizon()
                            + " = "
                            + w.span()
                            + " that one example spans; shorten the window or horizon");
        }
        need("training", 0, trainEnd, true);
        if (spec.split().validation() > 0 || validationEnd > trainEnd) {
            need("validation", trainEnd, validationEnd, false);
        }
        need("test", validationEnd, length, false);
    }

    private void need(String part, int from, int to, boolean train) {
        Windows w = spec.windows();
        if (w.count(to - from) < 1) {
            throw new DataException(
                    series.source()
                            + ": the "
                            + part
                            + " part (values "
                            + from
                            + " to "
                            + (to - 1)
                            + ", "
                            + (to - from)
                            + " values) is shorter than window="
                            + w.window()
                            + " + horizon="
                            + w.horizon()
                            + " = "
                            + w.span()
                            + ", so it holds no window; shorten the window or horizon"
                            + (train ? ", or lower validation and test" : ", or raise its share")
                            + " (series length "
                            + series.length()
                            + ")");
        }
    }

    @Override
    public String name() {
        return series.name();
    }

    @Override
    public int features() {
        return spec.windows().window() * series.perStep();
    }

    @Override
    public int classes() {
        return 0;
    }

    @Override
    public int outputs() {
        return spec.windows().horizon();
    }

    @Override
    public TargetKind targetKind() {
        return TargetKind.VALUES;
    }

    @Override
    public InputShape inputShape() {
        return InputShape.sequence(spec.windows().window(), series.perStep());
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public String source() {
        return series.source()
                + " ("
                + series.length()
                + " values: "
                + train.size()
                + " train / "
                + validation.size()
                + " validation / "
                + test.size()
                + " test windows)";
    }

    @Override
    public int trainSize() {
        return train.size();
    }

    @Override
    public int testSize() {
        return test.size();
    }

    @Override
    public int validationSize() {
        return validation.size();
    }

    /** One target per window for stratified splits: all 0, a regression has no classes. */
    @Override
    public int[] trainTargets() {
        return new int[train.size()];
    }

    @Override
    public TensorDataset train(NDManager manager) {
        return tensors(train, manager);
    }

    @Override
    public TensorDataset test(NDManager manager) {
        return tensors(test, manager);
    }

    @Override
    public TensorDataset validation(NDManager manager) {
        return validation.size() == 0 ? null : tensors(validation, manager);
    }

    private TensorDataset tensors(Windows.Windowed w, NDManager manager) {
        Windows ws = spec.windows();
        return TensorDataset.of(
                manager.create(w.inputs(), new Shape(w.size(), (long) features())),
                manager.create(w.targets(), new Shape(w.size(), ws.horizon())),
                0);
    }

    /**
     * This series with a validation stretch carved in time order: of the values before the test
     * stretch (training and any validation stretch), the last share {@code validationRows.length /
     * (trainRows.length + validationRows.length)} validate and the rest train. Only the counts of
     * the rows given matter: a random choice of windows would let validation windows overlap
     * training ones in time.
     */
    @Override
    public SeriesData withValidation(int[] trainRows, int[] validationRows) {
        double share = (double) validationRows.length / (trainRows.length + validationRows.length);
        int cut = validationEnd - (int) Math.round(validationEnd * share);
        return new SeriesData(spec, series, cut, validationEnd);
    }

    /** Inputs are already standardized with the training stretch's statistics: identity. */
    @Override
    public Standardization fitStandardization() {
        return new Standardization(0, 1);
    }

    @Override
    public Map<String, Object> preprocessing() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series", series.source());
        m.put("length", series.length());
        Map<String, Object> norm = new LinkedHashMap<>();
        norm.put("method", spec.normalize() ? "standardize" : "none");
        norm.put("fitted_on", "train");
        norm.put("mean", mean);
        norm.put("std", std);
        if (series.perStep() > 1) {
            List<Map<String, Object>> inputs = new ArrayList<>();
            for (int c = 1; c < series.perStep(); c++) {
                Map<String, Object> in = new LinkedHashMap<>();
                in.put("input", c);
                in.put("mean", means[c]);
                in.put("std", stds[c]);
                inputs.add(in);
            }
            norm.put("inputs", inputs);
        }
        m.put("normalization", norm);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("train", part(0, trainEnd, train));
        parts.put("validation", part(trainEnd, validationEnd, validation));
        parts.put("test", part(validationEnd, series.length(), test));
        m.put("parts", parts);
        Windows w = spec.windows();
        m.put("window", w.window());
        m.put("horizon", w.horizon());
        m.put("stride", w.stride());
        m.put("season", spec.season());
        m.put("mase_scale", forecast.maseScale());
        m.put("report", report());
        return m;
    }

    private Map<String, Object> part(int from, int to, Windows.Windowed w) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("from", from);
        p.put("to", to);
        if (to > from) {
            p.put("first_time", series.time(from));
            p.put("last_time", series.time(to - 1));
        }
        p.put("windows", w.size());
        return p;
    }

    /** What splitting, normalization and windowing did, one line each, for the console. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        java.util.Locale.ROOT,
                        "%s: %d values in time order; train %s, validation %s, test %s",
                        series.name(),
                        series.length(),
                        span(0, trainEnd, train),
                        span(trainEnd, validationEnd, validation),
                        span(validationEnd, series.length(), test)));
        lines.add(
                String.format(
                        java.util.Locale.ROOT,
                        "windows of %d values forecast %d (stride %d); %s; errors in"
                                + " normalized units, baselines naive and seasonal-naive"
                                + " (season %d)",
                        spec.windows().window(),
                        spec.windows().horizon(),
                        spec.windows().stride(),
                        spec.normalize()
                                ? String.format(
                                        java.util.Locale.ROOT,
                                        "standardized with the training part's mean %.6g, std"
                                                + " %.6g",
                                        mean,
                                        std)
                                : "not normalized",
                        spec.season()));
        return lines;
    }

    private String span(int from, int to, Windows.Windowed w) {
        if (to <= from) {
            return "none";
        }
        return series.time(from) + " .. " + series.time(to - 1) + " (" + w.size() + " windows)";
    }

    @Override
    public int[] imageShape() {
        return null;
    }

    @Override
    public Forecast forecast() {
        return forecast;
    }

    /** The series, before normalization. */
    public Series series() {
        return series;
    }

    /** The values standardized with the training stretch's statistics. */
    public double[] normalized() {
        return normalized.clone();
    }

    /** {@code {trainEnd, validationEnd}}: where the stretches meet. */
    public int[] bounds() {
        return new int[] {trainEnd, validationEnd};
    }

    /** Each training window's first index in the series. */
    public int[] trainStarts() {
        return train.starts().clone();
    }

    /** Each validation window's first index. */
    public int[] validationStarts() {
        return validation.starts().clone();
    }

    /** Each test window's first index. */
    public int[] testStarts() {
        return test.starts().clone();
    }
}
