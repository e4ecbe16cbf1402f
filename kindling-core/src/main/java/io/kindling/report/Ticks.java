package io.kindling.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks a reader trusts: round numbers, evenly spaced, on an axis that ends on a tick.
 *
 * <p>Linear axes follow P. S. Heckbert, "Nice numbers for graph labels", in <i>Graphics Gems</i>
 * (A. Glassner, ed.), Academic Press, 1990, pp. 61–63 ("loose" labeling): the data range is rounded
 * to a nice number, the tick step is the nice number nearest to that range divided by the wanted
 * number of intervals, and the axis is extended outward to the multiples of the step that cover the
 * data. Nice numbers are 1, 2 and 5 times a power of ten, so every step is one of …, 0.1, 0.2, 0.5,
 * 1, 2, 5, 10, … and every label has the same number of decimals (the step's). An {@linkplain
 * Scale#INTEGER integer} axis (training steps, layer numbers) takes a step of at least 1, so it
 * never shows a fractional tick.
 *
 * <p>Log axes tick at whole decades 10<sup>k</sup> (every second or fifth decade when there are
 * many). Where the data spans at most about two decades, the 2 and 5 multiples of each decade are
 * ticks too and the axis ends on the 1-2-5 values around the data; where even that gives fewer than
 * three ticks (data within a factor of about 2.5), the axis falls back to linear nice ticks, still
 * drawn on the log scale.
 *
 * <p>Labels carry no floating-point noise ({@code 0.30000000000000004} prints as {@code 0.3}) and
 * one style per axis: fixed decimals on linear axes ({@code 0.00, 0.05, 0.10}), scientific with a
 * shared exponent when the values are very large or the step very small ({@code 2e-5, 4e-5});
 * decimal on log axes whose ticks lie within 0.001 to 10⁵ ({@code 0.001, 0.01, 0.1}), otherwise
 * {@code m}e{@code k} for every tick of the axis ({@code 1e-8, 1e-6, …, 1e0}).
 */
public final class Ticks {

    /** How an axis maps values to positions and which ticks it takes. */
    public enum Scale {
        /** Linear, any nice step. */
        LINEAR,
        /** Linear with a whole-number step of at least 1 (steps, layer numbers, counts). */
        INTEGER,
        /** Log10; non-positive values cannot be placed. */
        LOG
    }

    /**
     * An axis: its ends (the first and last tick, which cover the data) and its ticks.
     *
     * @param scale linear, integer or log
     * @param lo the axis start (a tick)
     * @param hi the axis end (a tick)
     * @param values the tick values, ascending
     * @param labels one label per tick
     */
    public record Axis(Scale scale, double lo, double hi, double[] values, List<String> labels) {

        /** The tick values (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }

        /**
         * Where a value falls along the axis: 0 at {@link #lo}, 1 at {@link #hi}, on the log scale
         * for a log axis.
         *
         * @param v a data value
         * @return the fraction, or NaN where the value cannot be placed (non-finite, or
         *     non-positive on a log axis)
         */
        public double fraction(double v) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
            if (scale == Scale.LOG) {
                return v > 0 ? Math.log10(v / lo) / Math.log10(hi / lo) : Double.NaN;
            }
            return (v - lo) / (hi - lo);
        }

        @Override
        public String toString() {
            return scale + " " + labels;
        }
    }

    private static final double EPS = 1e-9;

    private Ticks() {}

    /**
     * Ticks for data between {@code min} and {@code max}.
     *
     * @param scale the scale
     * @param min the smallest data value (for a log axis, the smallest positive one)
     * @param max the largest data value
     * @param target about how many ticks are wanted (Heckbert's {@code nticks}; at least 2)
     * @return the axis; a default one (0 to 1, or 1 to 10 on a log axis) when there is no finite
     *     data
     */
    public static Axis of(Scale scale, double min, double max, int target) {
        return scale == Scale.LOG
                ? log(min, max, target)
                : linear(min, max, target, scale == Scale.INTEGER);
    }

    /**
     * Heckbert's nice number: 1, 2, 5 or 10 times a power of ten.
     *
     * @param x a positive number
     * @param round the nice number nearest to {@code x} (true) or the smallest nice number at least
     *     {@code x} (false)
     * @return the nice number
     */
    public static double niceNumber(double x, boolean round) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double nf;
        if (round) {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        } else {
            nf = f <= 1 + EPS ? 1 : f <= 2 + EPS ? 2 : f <= 5 + EPS ? 5 : 10;
        }
        return nf * Math.pow(10, exp);
    }

    private static Axis linear(double min, double max, int target, boolean integer) {
        Scale scale = integer ? Scale.INTEGER : Scale.LINEAR;
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            min = 0;
            max = 1;
        }
        if (max - min <= Math.abs(max) * 1e-12) {
            // one value: 0 to 1 above a zero (e.g. a fraction that is 0 throughout), else ±10%
            double half = integer || min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= integer || min == 0 ? 0 : half;
            max += half;
        }
        double range = niceNumber(max - min, false);
        double step = niceNumber(range / Math.max(1, target - 1), true);
        if (integer) {
            step = Math.max(1, Math.rint(step));
        }
        long first = (long) Math.floor(min / step + EPS);
        long last = (long) Math.ceil(max / step - EPS);
        double[] values = new double[(int) (last - first + 1)];
        for (int k = 0; k < values.length; k++) {
            values[k] = clean((first + k) * step, step);
        }
        return new Axis(
                scale, values[0], values[values.length - 1], values, linearLabels(values, step));
    }

    /** Removes floating-point noise: a multiple of {@code step} rounded to the step's digits. */
    private static double clean(double v, double step) {
        int digits = Math.max(0, -(int) Math.floor(Math.log10(step)) + 1);
        double r = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? 0.0 : r;
    }

    private static List<String> linearLabels(double[] values, double step) {
        double maxAbs = 0;
        for (double v : values) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        int stepExp = (int) Math.floor(Math.log10(step) + EPS);
        List<String> labels = new ArrayList<>();
        if (maxAbs >= 1e6 || stepExp < -4) {
            int e = (int) Math.floor(Math.log10(maxAbs) + EPS);
            int decimals = Math.max(0, e - stepExp);
            for (double v : values) {
                labels.add(
                        v == 0
                                ? "0"
                                : String.format(
                                        Locale.ROOT,
                                        "%." + decimals + "fe%d",
                                        v / Math.pow(10, e),
                                        e));
            }
        } else {
            int decimals = Math.max(0, -stepExp);
            for (double v : values) {
                labels.add(String.format(Locale.ROOT, "%." + decimals + "f", v + 0.0));
            }
        }
        return List.copyOf(labels);
    }

    private static Axis log(double min, double max, int target) {
        if (!(min > 0) || !Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            min = 1;
            max = 10;
        }
        if (max <= min * (1 + EPS)) {
            min /= 2;
            max *= 2;
        }
        int kLo = (int) Math.floor(Math.log10(min) + EPS);
        int kHi = (int) Math.ceil(Math.log10(max) - EPS);
        if (kHi - kLo >= 3) {
            int stride = Math.max(1, (int) Math.ceil((kHi - kLo) / 8.0));
            stride = stride <= 1 ? 1 : stride <= 2 ? 2 : stride <= 5 ? 5 : stride;
            kLo = Math.floorDiv(kLo, stride) * stride;
            kHi = -Math.floorDiv(-kHi, stride) * stride;
            List<int[]> ticks = new ArrayList<>();
            for (int k = kLo; k <= kHi; k += stride) {
                ticks.add(new int[] {1, k});
            }
            return logAxis(ticks);
        }
        List<int[]> candidates = new ArrayList<>();
        for (int k = kLo - 1; k <= kHi + 1; k++) {
            for (int m : new int[] {1, 2, 5}) {
                candidates.add(new int[] {m, k});
            }
        }
        int lo = 0;
        while (lo + 1 < candidates.size() && value(candidates.get(lo + 1)) <= min * (1 + EPS)) {
            lo++;
        }
        int hi = candidates.size() - 1;
        while (hi - 1 >= 0 && value(candidates.get(hi - 1)) >= max * (1 - EPS)) {
            hi--;
        }
        if (hi == lo) {
            hi++;
        }
        if (hi - lo + 1 >= 3) {
            return logAxis(candidates.subList(lo, hi + 1));
        }
        Axis linear = linear(min, max, Math.max(3, target), false);
        if (linear.lo() <= 0) {
            return logAxis(candidates.subList(lo, hi + 1));
        }
        return new Axis(Scale.LOG, linear.lo(), linear.hi(), linear.values, linear.labels());
    }

    private static double value(int[] mk) {
        return mk[0] * Math.pow(10, mk[1]);
    }

    /** A log axis with ticks m·10^k, labelled plain within 0.001 to 10⁵, else all as "me k". */
    private static Axis logAxis(List<int[]> ticks) {
        boolean plain = ticks.stream().allMatch(t -> t[1] >= -3 && t[1] < 5);
        double[] values = new double[ticks.size()];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            int[] t = ticks.get(i);
            BigDecimal exact = BigDecimal.valueOf(t[0]).scaleByPowerOfTen(t[1]);
            values[i] = exact.doubleValue();
            labels.add(plain ? exact.toPlainString() : t[0] + "e" + t[1]);
        }
        return new Axis(
                Scale.LOG, values[0], values[values.length - 1], values, List.copyOf(labels));
    }

    /**
     * A single number in at most three significant digits and no trailing zeros, for values that
     * are not ticks (e.g. a histogram's range): {@code 0.0523}, {@code 1.5}, {@code 250}, {@code
     * 1.2e-5}, {@code 3e6}.
     *
     * @param v the number
     * @return its text
     */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        double a = Math.abs(b.doubleValue());
        if (a >= 1e-3 && a < 1e6) {
            return b.toPlainString();
        }
        int e = b.precision() - b.scale() - 1;
        return b.movePointLeft(e).stripTrailingZeros().toPlainString() + "e" + e;
    }
}
