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
 */
public record Series(String name, String source, double[] values, List<String> times) {

    public Series {
        times = List.copyOf(times);
        if (!times.isEmpty() && times.size() != values.length) {
            throw new IllegalArgumentException(
                    values.length + " values need as many times, got " + times.size());
        }
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
