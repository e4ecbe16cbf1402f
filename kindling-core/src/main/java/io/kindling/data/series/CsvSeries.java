package io.kindling.data.series;

import io.kindling.config.CallBuilder;
import io.kindling.data.CsvTable;
import io.kindling.data.DataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One numeric column of a CSV file with a header row ({@link CsvTable}), its rows in time order,
 * optionally with a time column that labels each value (and must not go backwards when its cells
 * are numbers or ISO-like text that sorts as time does).
 *
 * <p>A missing cell (empty, {@code NA}, {@code NaN}, {@code ?}) is refused unless {@code missing}
 * says otherwise: {@code drop} skips the row, {@code ffill} repeats the last value before it,
 * {@code interpolate} joins its neighbours by a straight line. Mean or median imputation, what
 * {@code csv(...)} offers for tables, is not offered: a mean over the whole series would leak the
 * test part into the training part.
 *
 * <p>Example: {@code series(path='examples/data/seattle-temps-2010q1.csv', column=temp, time=date,
 * window=48, horizon=1, season=24)}; with covariates {@code
 * series(path='examples/data/seattle-weather.csv', column=temp_max, inputs=[temp_min,
 * precipitation], time=date, window=28)}.
 *
 * @param path the CSV file
 * @param column the column holding the values
 * @param inputs further numeric columns the model reads at each step beside the series (covariates;
 *     only their values within the input window are seen), possibly none
 * @param time the column holding each row's time, or null
 * @param missing what to do with a missing value
 */
public record CsvSeries(Path path, String column, List<String> inputs, String time, Missing missing)
        implements SeriesSource {

    /** What to do with a missing value in the series column. */
    public enum Missing {
        /** Refuse the file, naming the row. */
        ERROR,
        /** Skip the row. */
        DROP,
        /** Repeat the last value before it (forward fill). */
        FFILL,
        /** Linear interpolation between the nearest values before and after. */
        INTERPOLATE;

        /** The name in expressions, e.g. {@code ffill}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A univariate series: the column alone. */
    public CsvSeries(Path path, String column, String time, Missing missing) {
        this(path, column, List.of(), time, missing);
    }

    public CsvSeries {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(missing, "missing");
        if (column == null || column.isEmpty()) {
            throw new IllegalArgumentException("series needs column=NAME, the values' column");
        }
    }

    @Override
    public String kind() {
        return "series";
    }

    @Override
    public Series read() {
        return from(CsvTable.read(path));
    }

    /** The series of an already read table ({@code path} is not read). */
    public Series from(CsvTable table) {
        List<String> names = new ArrayList<>();
        names.add(column);
        names.addAll(inputs);
        int[] cols = names.stream().mapToInt(table::column).toArray();
        int t = time == null ? -1 : table.column(time);
        List<Integer> rows = new ArrayList<>();
        List<List<Double>> values = new ArrayList<>();
        for (int k = 0; k < cols.length; k++) {
            values.add(new ArrayList<>());
        }
        for (int r = 0; r < table.rows(); r++) {
            boolean drop = false;
            for (int k = 0; k < cols.length; k++) {
                if (table.isMissing(r, cols[k])) {
                    if (missing == Missing.ERROR || (missing == Missing.FFILL && rows.isEmpty())) {
                        throw missingValue(table, r, names.get(k));
                    }
                    drop |= missing == Missing.DROP;
                } else if (!table.isNumeric(cols[k]) && !isNumber(table.text(r, cols[k]))) {
                    throw notANumber(table, r, names.get(k), table.text(r, cols[k]));
                }
            }
            if (drop) {
                continue;
            }
            rows.add(r);
            for (int k = 0; k < cols.length; k++) {
                values.get(k)
                        .add(
                                table.isMissing(r, cols[k])
                                        ? Double.NaN
                                        : Double.parseDouble(table.text(r, cols[k])));
            }
        }
        List<double[]> filled = new ArrayList<>();
        for (int k = 0; k < cols.length; k++) {
            filled.add(fill(values.get(k), table, rows, names.get(k)));
        }
        double[] v = filled.get(0);
        List<String> times = new ArrayList<>();
        if (t >= 0) {
            for (int r : rows) {
                String cell = table.text(r, t);
                times.add(cell == null ? "" : cell);
            }
            checkOrder(table, t, rows);
        }
        if (v.length < 2) {
            throw new DataException(
                    table.source()
                            + " has "
                            + v.length
                            + " value(s) in column '"
                            + column
                            + "'; a series needs at least two");
        }
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return new Series(
                dot > 0 ? file.substring(0, dot) : file,
                table.source()
                        + " column "
                        + column
                        + (inputs.isEmpty() ? "" : " with inputs " + String.join(", ", inputs)),
                v,
                times,
                filled.subList(1, filled.size()));
    }

    private static DataException notANumber(CsvTable table, int r, String name, String text) {
        return new DataException(
                table.source()
                        + ": row "
                        + (r + 1)
                        + " (line "
                        + table.line(r)
                        + ") of column '"
                        + name
                        + "' holds '"
                        + text
                        + "', not a number; a series column must hold decimal"
                        + " numbers (mark a value missing with an empty cell or NA,"
                        + " then choose missing=drop|ffill|interpolate)");
    }

    private double[] fill(List<Double> values, CsvTable table, List<Integer> rows, String name) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                continue;
            }
            if (missing == Missing.FFILL) {
                v[i] = v[i - 1];
                continue;
            }
            int after = i;
            while (after < v.length && Double.isNaN(v[after])) {
                after++;
            }
            if (i == 0 || after == v.length) {
                throw new DataException(
                        missingValue(table, rows.get(i), name).getMessage()
                                + "; interpolate needs a value before and after it");
            }
            for (int j = i; j < after; j++) {
                v[j] = v[i - 1] + (v[after] - v[i - 1]) * (j - i + 1) / (after - i + 1);
            }
        }
        return v;
    }

    private DataException missingValue(CsvTable table, int r, String name) {
        return new DataException(
                table.source()
                        + ": row "
                        + (r + 1)
                        + " (line "
                        + table.line(r)
                        + ") of column '"
                        + name
                        + "' is missing (missing="
                        + missing.key()
                        + "); choose missing=drop (skip the row), missing=ffill (repeat the last"
                        + " value) or missing=interpolate (a straight line between its"
                        + " neighbours), or fill the file; csv(...)'s impute=mean|median is not"
                        + " offered for a series because it would leak the test part into"
                        + " training");
    }

    private void checkOrder(CsvTable table, int t, List<Integer> rows) {
        for (int i = 1; i < rows.size(); i++) {
            int a = rows.get(i - 1);
            int b = rows.get(i);
            String x = table.text(a, t);
            String y = table.text(b, t);
            if (x == null || y == null) {
                continue;
            }
            int order =
                    table.isNumeric(t)
                            ? Double.compare(table.number(a, t), table.number(b, t))
                            : x.compareTo(y);
            if (order > 0) {
                throw new DataException(
                        table.source()
                                + ": the time column '"
                                + time
                                + "' goes backwards at row "
                                + (b + 1)
                                + " (line "
                                + table.line(b)
                                + "): '"
                                + y
                                + "' after '"
                                + x
                                + "'; sort the file by time (or write times that sort as"
                                + " text, e.g. 2010/01/31 or 2010-01-31)");
            }
        }
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void describe(CallBuilder call) {
        call.argQuoted("path", path.toString()).argQuoted("column", column);
        if (!inputs.isEmpty()) {
            List<io.kindling.config.Expr> names = new ArrayList<>();
            for (String name : inputs) {
                names.add(new io.kindling.config.Str(name, true, io.kindling.config.Position.NONE));
            }
            call.arg(
                    "inputs",
                    new io.kindling.config.ListExpr(names, io.kindling.config.Position.NONE));
        }
        if (time != null) {
            call.argQuoted("time", time);
        }
        call.arg("missing", missing.key());
    }
}
