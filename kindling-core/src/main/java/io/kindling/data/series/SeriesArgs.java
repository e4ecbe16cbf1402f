package io.kindling.data.series;

import io.kindling.config.Args;
import io.kindling.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Reads the forecasting datasets' expressions: {@code series(...)}, {@code sines(...)}, … */
public final class SeriesArgs {

    private SeriesArgs() {}

    /**
     * {@code series(path='x.csv', column=NAME, inputs=[NAME, …], time=NAME, missing=error,
     * window=…, …)}.
     */
    public static SeriesSpec series(Args a) {
        String path = a.string("path", null);
        String column = a.string("column", null);
        if (path == null || path.isEmpty()) {
            throw a.error("path", "is required: the CSV file to read, e.g. path='data.csv'");
        }
        if (column == null || column.isEmpty()) {
            throw a.error("column", "is required: the column holding the values, e.g. column=temp");
        }
        List<String> inputs = new java.util.ArrayList<>();
        for (io.kindling.config.Expr e : a.exprs("inputs", List.of())) {
            if (e instanceof io.kindling.config.Str str) {
                inputs.add(str.value());
            } else if (e instanceof io.kindling.config.Call c && c.args().isEmpty()) {
                inputs.add(c.name());
            } else {
                throw a.error("inputs", "must be a list of column names, e.g. [temp_min, wind]");
            }
        }
        if (inputs.contains(column)) {
            throw a.error(
                    "inputs",
                    "names the series column '"
                            + column
                            + "', which every step holds already; list only other columns");
        }
        String time = a.string("time", null);
        String missing = a.choice("missing", "error", "error", "drop", "ffill", "interpolate");
        return spec(
                a,
                new CsvSeries(
                        Path.of(path),
                        column,
                        inputs,
                        time,
                        CsvSeries.Missing.valueOf(missing.toUpperCase(Locale.ROOT))));
    }

    /** {@code sines(length=2000, periods=[24, 100], noise=0.1, seed=0, window=…, …)}. */
    public static SeriesSpec sines(Args a) {
        int length = a.integer("length", 2000);
        if (length < 2) {
            throw a.error("length", "must be an integer >= 2");
        }
        List<Double> periods = a.numbers("periods", List.of(24.0, 100.0));
        if (periods.isEmpty() || periods.stream().anyMatch(p -> !(p > 0))) {
            throw a.error("periods", "must be one or more numbers > 0, e.g. [24, 100]");
        }
        double noise = a.nonNegative("noise", 0.1);
        return spec(a, new Sines(length, periods, noise, a.integer("seed", 0)));
    }

    /** {@code mackey-glass(length=2000, tau=17, sample=1, seed=0, window=…, …)}. */
    public static SeriesSpec mackeyGlass(Args a) {
        int length = a.integer("length", 2000);
        if (length < 2) {
            throw a.error("length", "must be an integer >= 2");
        }
        double tau = a.positive("tau", 17);
        double sample = a.positive("sample", 1);
        try {
            return spec(a, new MackeyGlass(length, tau, sample, a.integer("seed", 0)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("mackey-glass: " + e.getMessage());
        }
    }

    /** The windowing, split, season and normalization arguments every series shares. */
    private static SeriesSpec spec(Args a, SeriesSource source) {
        int window = a.integer("window", 32);
        if (window < 1) {
            throw a.error("window", "must be an integer >= 1: the past values each input holds");
        }
        int horizon = a.integer("horizon", 1);
        if (horizon < 1) {
            throw a.error(
                    "horizon",
                    "must be an integer >= 1: with horizon "
                            + horizon
                            + " a window leaves no values to forecast (no targets)");
        }
        int stride = a.integer("stride", 1);
        if (stride < 1) {
            throw a.error("stride", "must be an integer >= 1: the steps between windows");
        }
        double validation = a.inRange("validation", 0, 0, 0.9);
        double test = a.inRange("test", 0.2, 0.01, 0.9);
        if (validation + test >= 1) {
            throw a.error(
                    "test",
                    "plus validation="
                            + validation
                            + " must stay below 1, leaving values to train on");
        }
        int season = a.integer("season", 1);
        if (season < 1 || season > window) {
            throw a.error(
                    "season",
                    "must be an integer in [1, window="
                            + window
                            + "]: the seasonal-naive forecast repeats a value one season back"
                            + " within the window (1: the naive forecast)");
        }
        boolean normalize = a.bool("normalize", true);
        return new SeriesSpec(
                source,
                new Windows(window, horizon, stride),
                new ChronologicalSplit(validation, test),
                season,
                normalize);
    }
}
