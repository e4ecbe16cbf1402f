package io.kindling.tune;

import io.kindling.config.Expr;
import io.kindling.config.Num;
import io.kindling.config.Position;

/**
 * A whole number in [low, high] on the grid low, low+step, …: {@code int(low=2, high=64,
 * log=true)}. A log scale draws log-uniformly over [low − ½, high + ½] before rounding, so each
 * value gets the share of the log axis around it.
 *
 * @param low the smallest value
 * @param high the largest value, above {@code low}
 * @param log whether the scale is logarithmic (then {@code low > 0})
 * @param step the grid spacing (at least 1; 1 when log)
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

    public IntDistribution {
        Ranges.check(low, high, log, step);
        if (step < 1) {
            throw new IllegalArgumentException("int step must be >= 1, got " + step);
        }
    }

    @Override
    public Expr external(double internal) {
        return new Num(Math.rint(internal), Position.NONE);
    }

    @Override
    public String display(double internal) {
        return Long.toString(Math.round(internal));
    }

    @Override
    public boolean contains(double v) {
        return v >= low && v <= high && v == Math.rint(v) && (Math.round(v) - low) % step == 0;
    }

    @Override
    public String print() {
        return "int(low="
                + low
                + ", high="
                + high
                + (log ? ", log=true" : "")
                + (step != 1 ? ", step=" + step : "")
                + ")";
    }

    /** Rounds {@code v} onto the grid and into the range. */
    public double snap(double v) {
        double k = Math.rint((v - low) / step);
        return Math.min(high, Math.max(low, low + k * step));
    }
}
