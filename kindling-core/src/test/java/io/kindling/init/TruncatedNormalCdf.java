package io.kindling.init;

import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * N(mean, std²) conditioned on [a, b], for Kolmogorov–Smirnov tests: commons-math3 has no truncated
 * normal. The CDF is {@code (Φ((x−mean)/std) − Φ(α)) / (Φ(β) − Φ(α))} on [a, b]; moments by the
 * textbook formulas, written here independently of Kindling's code.
 */
final class TruncatedNormalCdf extends AbstractRealDistribution {

    private final NormalDistribution normal;
    private final double a;
    private final double b;
    private final double lowCdf;
    private final double mass;

    TruncatedNormalCdf(double mean, double std, double a, double b) {
        super((RandomGenerator) null);
        this.normal = new NormalDistribution(null, mean, std, 1e-9);
        this.a = a;
        this.b = b;
        this.lowCdf = normal.cumulativeProbability(a);
        this.mass = normal.cumulativeProbability(b) - lowCdf;
    }

    @Override
    public double density(double x) {
        return x < a || x > b ? 0 : normal.density(x) / mass;
    }

    @Override
    public double cumulativeProbability(double x) {
        if (x <= a) {
            return 0;
        }
        if (x >= b) {
            return 1;
        }
        return (normal.cumulativeProbability(x) - lowCdf) / mass;
    }

    @Override
    public double getNumericalMean() {
        double s = normal.getStandardDeviation();
        return normal.getMean() + s * (phi(alpha()) - phi(beta())) / mass;
    }

    @Override
    public double getNumericalVariance() {
        double s = normal.getStandardDeviation();
        double al = alpha();
        double be = beta();
        double r = (phi(al) - phi(be)) / mass;
        return s * s * (1 + (al * phi(al) - be * phi(be)) / mass - r * r);
    }

    private double alpha() {
        return (a - normal.getMean()) / normal.getStandardDeviation();
    }

    private double beta() {
        return (b - normal.getMean()) / normal.getStandardDeviation();
    }

    private static double phi(double z) {
        return Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    }

    @Override
    public double getSupportLowerBound() {
        return a;
    }

    @Override
    public double getSupportUpperBound() {
        return b;
    }

    @Override
    public boolean isSupportLowerBoundInclusive() {
        return true;
    }

    @Override
    public boolean isSupportUpperBoundInclusive() {
        return true;
    }

    @Override
    public boolean isSupportConnected() {
        return true;
    }
}
