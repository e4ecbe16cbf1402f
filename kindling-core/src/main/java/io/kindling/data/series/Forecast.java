package io.kindling.data.series;

/**
 * What a forecasting dataset tells its task beyond the targets: how its inputs are laid out, so the
 * naive and seasonal-naive forecasts can be read off each window, and the scale of MASE.
 *
 * <p>Each example is a window of {@code window} past values (one per step) and its target the next
 * {@code horizon} values. The naive forecast repeats the window's last value; the seasonal-naive
 * forecast of step {@code h} (1-based) repeats the value one or more seasons back, {@code ŷ(t+h) =
 * y(t + h − m·⌈h/m⌉)} with {@code t} the window's last step (Hyndman &amp; Athanasopoulos,
 * "Forecasting: Principles and Practice", §5.2). With {@code m = 1} both are the same.
 *
 * @param window steps per input window, {@code ≥ season}
 * @param horizon steps forecast, {@code ≥ 1}
 * @param season the seasonal period {@code m ≥ 1}
 * @param maseScale the training part's mean absolute seasonal difference (normalized units)
 * @param perStep values per input step, the series' own first ({@code ≥ 1})
 */
public record Forecast(int window, int horizon, int season, double maseScale, int perStep) {

    /** A univariate forecast: one value per step. */
    public Forecast(int window, int horizon, int season, double maseScale) {
        this(window, horizon, season, maseScale, 1);
    }

    public Forecast {
        if (perStep < 1) {
            throw new IllegalArgumentException("perStep must be >= 1, got " + perStep);
        }
        if (window < 1 || horizon < 1 || season < 1 || season > window) {
            throw new IllegalArgumentException(
                    "a forecast needs window >= season >= 1 and horizon >= 1, got window "
                            + window
                            + ", horizon "
                            + horizon
                            + ", season "
                            + season);
        }
        if (!(maseScale > 0) || !Double.isFinite(maseScale)) {
            throw new IllegalArgumentException(
                    "the MASE scale must be a positive finite number, got " + maseScale);
        }
    }

    /**
     * The input column (0-based, of {@code window × perStep}) the naive forecast repeats for every
     * step: the series' value at the window's last step.
     */
    public int[] naiveSteps() {
        int[] s = new int[horizon];
        java.util.Arrays.fill(s, (window - 1) * perStep);
        return s;
    }

    /**
     * The input column the seasonal-naive forecast repeats for each step h: the series' value at
     * window step {@code window − 1 + h − m·⌈h/m⌉}.
     */
    public int[] seasonalNaiveSteps() {
        int[] s = new int[horizon];
        for (int h = 1; h <= horizon; h++) {
            int back = season * ((h + season - 1) / season);
            s[h - 1] = (window - 1 + h - back) * perStep;
        }
        return s;
    }

    /**
     * The in-sample scale of MASE: {@code mean |yₜ − yₜ₋ₘ|} over {@code t = m … n−1}.
     *
     * @param series the training part of the series
     * @param season the period {@code m ≥ 1} (1: the naive forecast)
     * @throws IllegalArgumentException if the series is not longer than the period
     */
    public static double seasonalScale(double[] series, int season) {
        if (season < 1 || series.length <= season) {
            throw new IllegalArgumentException(
                    "the MASE scale needs a series longer than its season "
                            + season
                            + ", got "
                            + series.length
                            + " values");
        }
        double sum = 0;
        for (int t = season; t < series.length; t++) {
            sum += Math.abs(series[t] - series[t - season]);
        }
        return sum / (series.length - season);
    }
}
