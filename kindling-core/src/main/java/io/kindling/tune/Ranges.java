package io.kindling.tune;

import io.kindling.config.Num;
import io.kindling.config.Position;

/** Checks shared by numeric ranges. */
final class Ranges {

    private Ranges() {}

    static void check(double low, double high, boolean log, double step) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException(
                    "empty or inverted range [" + num(low) + ", " + num(high) + "]");
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("log scale needs low > 0, got low=" + num(low));
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be > 0, got " + num(step));
        }
        if (step > 0) {
            double k = (high - low) / step;
            if (Math.abs(k - Math.rint(k)) > 1e-8 * Math.max(1, k)) {
                throw new IllegalArgumentException(
                        "step="
                                + num(step)
                                + " does not divide the"
                                + " range ["
                                + num(low)
                                + ", "
                                + num(high)
                                + "]");
            }
        }
    }

    static String num(double v) {
        return new Num(v, Position.NONE).toString();
    }
}
