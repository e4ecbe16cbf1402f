package io.kindling.data.series;

/**
 * Sliding windows over a stretch of a series: each example's input is {@code window} consecutive
 * values and its target the {@code horizon} values that follow; successive windows start {@code
 * stride} steps apart. A stretch of {@code L} values holds {@code ⌊(L − window − horizon) / stride⌋
 * + 1} windows (none when {@code L < window + horizon}); the first starts at the stretch's first
 * value.
 *
 * @param window values per input, {@code ≥ 1}
 * @param horizon values per target, {@code ≥ 1}
 * @param stride steps between window starts, {@code ≥ 1}
 */
public record Windows(int window, int horizon, int stride) {

    public Windows {
        if (window < 1 || horizon < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "window, horizon and stride must be >= 1, got window "
                            + window
                            + ", horizon "
                            + horizon
                            + ", stride "
                            + stride);
        }
    }

    /** Values one example spans, input and target. */
    public int span() {
        return window + horizon;
    }

    /** Windows in a stretch of {@code length} values. */
    public int count(int length) {
        return length < span() ? 0 : (length - span()) / stride + 1;
    }

    /**
     * The windows of {@code values[from, to)}.
     *
     * @param values the whole series
     * @param from the stretch's first index
     * @param to one past its last
     * @return the inputs and targets as float rows
     */
    public Windowed cut(double[] values, int from, int to) {
        return cut(new double[][] {values}, from, to);
    }

    /**
     * The windows of {@code columns[·][from, to)}: each input holds, step by step, the value of
     * every column ({@code window × columns.length} values, step-major); each target the next
     * {@code horizon} values of {@code columns[0]}, the series forecast.
     *
     * @param columns the series first, then any further inputs, all of one length
     * @param from the stretch's first index
     * @param to one past its last
     * @return the inputs and targets as float rows
     */
    public Windowed cut(double[][] columns, int from, int to) {
        int n = count(to - from);
        int per = columns.length;
        float[] x = new float[n * window * per];
        float[] y = new float[n * horizon];
        int[] starts = new int[n];
        double[] series = columns[0];
        for (int i = 0; i < n; i++) {
            int s = from + i * stride;
            starts[i] = s;
            for (int j = 0; j < window; j++) {
                for (int c = 0; c < per; c++) {
                    x[(i * window + j) * per + c] = (float) columns[c][s + j];
                }
            }
            for (int h = 0; h < horizon; h++) {
                y[i * horizon + h] = (float) series[s + window + h];
            }
        }
        return new Windowed(x, y, starts);
    }

    /**
     * Windows cut from a stretch.
     *
     * @param inputs {@code n × window × values per step}, row-major
     * @param targets {@code n × horizon}, row-major
     * @param starts each window's first index in the series
     */
    public record Windowed(float[] inputs, float[] targets, int[] starts) {

        /** Number of windows. */
        public int size() {
            return starts.length;
        }
    }
}
