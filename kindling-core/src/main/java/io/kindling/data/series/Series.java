package io.kindling.data.series;

import java.util.List;

/**
 * A univariate time series in time order: one value per step and, when the data have a time column,
 * that step's time as written.
 *
 * @param name a short name, e.g. {@code seattle-temps-2010q1} or {@code mackey-glass}
 * @param source where the values came from, for provenance
 * @param values the values, finite, in time order
 * @param times each value's time as text, or an empty list when there is no time column
 * @param inputs further values per step that the model reads beside the series (covariates such as
 *     another column of the file), each as long as {@code values}; empty for a univariate series
 */
public record Series(
        String name, String source, double[] values, List<String> times, List<double[]> inputs) {

    public Series {
        times = List.copyOf(times);
        inputs = List.copyOf(inputs);
        if (!times.isEmpty() && times.size() != values.length) {
            throw new IllegalArgumentException(
                    values.length + " values need as many times, got " + times.size());
        }
        for (double[] in : inputs) {
            if (in.length != values.length) {
                throw new IllegalArgumentException(
                        values.length + " values need inputs as long, got " + in.length);
            }
        }
    }

    /** A univariate series. */
    public Series(String name, String source, double[] values, List<String> times) {
        this(name, source, values, times, List.of());
    }

    /** Values per step the model reads: the series' own and its further inputs. */
    public int perStep() {
        return 1 + inputs.size();
    }

    /** The series then each further input, as columns. */
    public double[][] columns() {
        double[][] c = new double[perStep()][];
        c[0] = values;
        for (int i = 0; i < inputs.size(); i++) {
            c[i + 1] = inputs.get(i);
        }
        return c;
    }

    /** Number of values. */
    public int length() {
        return values.length;
    }

    /** The time of step {@code t} as text, or {@code "step t"} when there are no times. */
    public String time(int t) {
        return times.isEmpty() ? "step " + t : times.get(t);
    }
}
