package io.kindling.tune;

import java.util.SplittableRandom;

/** Uniform numbers to parameter values, and the per-trial random streams of the samplers. */
final class Draws {

    private Draws() {}

    /**
     * The random stream of trial {@code number} under {@code seed}: the same in every process,
     * whatever ran before.
     */
    static SplittableRandom stream(long seed, int number, long salt) {
        long h = seed * 0x9E3779B97F4A7C15L + number * 0xC2B2AE3D27D4EB4FL + salt;
        return new SplittableRandom(new SplittableRandom(h).nextLong());
    }

    /**
     * The internal value at quantile {@code u} in [0, 1) of the distribution's uniform measure:
     * uniform or log-uniform for floats, every grid point and every option equally likely.
     */
    static double at(Distribution d, double u) {
        if (d instanceof FloatDistribution f) {
            if (f.step() > 0) {
                long n = Math.round((f.high() - f.low()) / f.step()) + 1;
                return f.snap(f.low() + Math.min(n - 1, (long) Math.floor(u * n)) * f.step());
            }
            double v =
                    f.log()
                            ? Math.exp(
                                    Math.log(f.low())
                                            + u * (Math.log(f.high()) - Math.log(f.low())))
                            : f.low() + u * (f.high() - f.low());
            return Math.min(f.high(), Math.max(f.low(), v));
        }
        if (d instanceof IntDistribution i) {
            if (i.log()) {
                double lo = Math.log(i.low() - 0.5);
                double hi = Math.log(i.high() + 0.5);
                return i.snap(Math.exp(lo + u * (hi - lo)));
            }
            long n = (i.high() - i.low()) / i.step() + 1;
            return i.low() + Math.min(n - 1, (long) Math.floor(u * n)) * (double) i.step();
        }
        CategoricalDistribution c = (CategoricalDistribution) d;
        return Math.min(c.size() - 1, (int) Math.floor(u * c.size()));
    }
}
