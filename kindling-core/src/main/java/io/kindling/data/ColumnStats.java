package io.kindling.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Statistics of one column's training values, computed as scikit-learn computes them so that {@link
 * Cleaning} and {@link Normalization} match its {@code SimpleImputer}, {@code StandardScaler} and
 * {@code MinMaxScaler}.
 */
final class ColumnStats {

    private ColumnStats() {}

    /** Mean and population standard deviation ({@code ddof = 0}), two passes in double. */
    record Moments(double mean, double std) {}

    static Moments moments(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double variance = 0;
        for (double x : v) {
            variance += (x - mean) * (x - mean);
        }
        return new Moments(mean, Math.sqrt(variance / v.length));
    }

    /**
     * Whether a column is constant up to rounding: all values equal, or (scikit-learn 1.2's {@code
     * _is_constant_feature}) {@code var <= n·eps·var + (n·mean·eps)²}. Scaling such a column by its
     * std would only magnify rounding error, so scalers use 1 instead.
     */
    static boolean isConstant(double[] v, Moments m) {
        double min = Arrays.stream(v).min().orElse(0);
        double max = Arrays.stream(v).max().orElse(0);
        double eps = Math.ulp(1.0);
        double n = v.length;
        double var = m.std() * m.std();
        return min == max || var <= n * eps * var + (n * m.mean() * eps) * (n * m.mean() * eps);
    }

    /** The middle value, or the mean of the two middle values for an even count. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /** The most frequent value; the smallest of those tied. */
    static double mostFrequent(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double best = s[0];
        int bestCount = 0;
        for (int i = 0; i < s.length; ) {
            int j = i;
            while (j < s.length && s[j] == s[i]) {
                j++;
            }
            if (j - i > bestCount) {
                best = s[i];
                bestCount = j - i;
            }
            i = j;
        }
        return best;
    }

    /** The most frequent text; the first in sort order of those tied. */
    static String mostFrequent(Iterable<String> values) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String s : values) {
            counts.merge(s, 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        return counts.entrySet().stream()
                .filter(e -> e.getValue() == max)
                .findFirst()
                .orElseThrow()
                .getKey();
    }

    /** {@code v} to six significant digits, for report lines: {@code 5.84333}. */
    static String format(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
