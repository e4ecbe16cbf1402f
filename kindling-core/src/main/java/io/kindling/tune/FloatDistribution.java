package io.kindling.tune;

import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.Num;
import io.kindling.config.Position;

/**
 * A real number in [low, high]: {@code float(low=1e-4, high=0.3, log=true)}, uniform or
 * log-uniform, or on the grid low, low+step, …, high ({@code float(low=0, high=1, step=0.25)}).
 *
 * @param low the smallest value
 * @param high the largest value, above {@code low}
 * @param log whether the scale is logarithmic (then {@code low > 0})
 * @param step the grid spacing, or 0 for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, double step)
        implements Distribution {

    public FloatDistribution {
        Ranges.check(low, high, log, step);
    }

    /** A continuous range. */
    public static FloatDistribution of(double low, double high) {
        return new FloatDistribution(low, high, false, 0);
    }

    @Override
    public Expr external(double internal) {
        return new Num(internal, Position.NONE);
    }

    @Override
    public String display(double internal) {
        return new Num(internal, Position.NONE).toString();
    }

    @Override
    public boolean contains(double v) {
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step == 0) {
            return true;
        }
        double k = (v - low) / step;
        return Math.abs(k - Math.rint(k)) < 1e-8;
    }

    @Override
    public String print() {
        return "float(low="
                + Ranges.num(low)
                + ", high="
                + Ranges.num(high)
                + (log ? ", log=true" : "")
                + (step > 0 ? ", step=" + Ranges.num(step) : "")
                + ")";
    }

    /** Rounds {@code v} onto the grid (when there is a step) and into the range. */
    public double snap(double v) {
        if (step > 0) {
            v = low + Math.rint((v - low) / step) * step;
        }
        return Math.min(high, Math.max(low, v));
    }

    /** Rejects a step with a log scale, which has no even grid. */
    static void refuseLogStep(String name, boolean log, double step) {
        if (log && step > 0) {
            throw new ConfigException(
                    "Search parameter '"
                            + name
                            + "': a float cannot have both"
                            + " log=true and step; drop one of them");
        }
    }
}
