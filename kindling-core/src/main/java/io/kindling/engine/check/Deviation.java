package io.kindling.engine.check;

import java.util.Locale;

/**
 * The worst comparison of a check: what was compared, how far apart the two were and how far they
 * may be.
 *
 * @param where what was compared, e.g. {@code output element 17} or {@code gradient of input dot2}
 * @param error the absolute difference (+∞ for a wrong shape or a non-finite value)
 * @param tolerance the largest difference that passes
 */
public record Deviation(String where, double error, double tolerance) {

    /** Nothing compared yet: passes, and anything compared is worse. */
    static final Deviation NONE = new Deviation("nothing", 0, 1);

    /** Whether the difference is within the tolerance. */
    public boolean ok() {
        return error <= tolerance;
    }

    /** The error as a multiple of the tolerance (above 1: a mismatch). */
    public double ratio() {
        return tolerance > 0 ? error / tolerance : Double.POSITIVE_INFINITY;
    }

    /** The one of the two with the larger error relative to its tolerance. */
    Deviation worse(Deviation other) {
        return other.ratio() > ratio() ? other : this;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "%s differs by %.3g (tolerance %.3g)", where, error, tolerance);
    }
}
