package io.kindling.tune;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * The standard normal truncated to [a, b], computed in log space so that kernels far in a tail keep
 * their mass: Φ via erfc, log Φ by the asymptotic series below −20, the mass of [a, b] from
 * whichever tail is accurate, and sampling by the inverse CDF from the lighter side — the same
 * numerics as Optuna's {@code _truncnorm} (after SciPy's {@code truncnorm}).
 */
final class TruncatedNormal {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2);

    private TruncatedNormal() {}

    /** Φ(x), the standard normal CDF. */
    static double ndtr(double x) {
        double z = x / SQRT2;
        if (z < -1 / SQRT2) {
            return 0.5 * Erf.erfc(-z);
        }
        if (z < 1 / SQRT2) {
            return 0.5 + 0.5 * Erf.erf(z);
        }
        return 1 - 0.5 * Erf.erfc(z);
    }

    /** log Φ(x), accurate far into the left tail. */
    static double logNdtr(double x) {
        if (x > 6) {
            return -ndtr(-x); // log(1 − ε) = −ε to double precision here
        }
        if (x > -20) {
            return Math.log(ndtr(x));
        }
        // log Φ(x) = −x²/2 − log(−x) − log √(2π) + log(1 − 1/x² + 3/x⁴ − 15/x⁶ + …)
        double lhs = -0.5 * x * x - Math.log(-x) - LOG_SQRT_2PI;
        double total = 1;
        double last = 0;
        double numerator = 1;
        double denominator = 1;
        int sign = 1;
        for (int i = 1; Math.abs(last - total) > Math.ulp(1.0) && i < 100; i++) {
            last = total;
            sign = -sign;
            denominator /= x * x;
            numerator *= 2 * i - 1;
            total += sign * numerator * denominator;
        }
        return lhs + Math.log(total);
    }

    /** log(Φ(b) − Φ(a)) for a &lt; b. */
    static double logGaussMass(double a, double b) {
        if (b <= 0) {
            return logDiff(logNdtr(b), logNdtr(a));
        }
        if (a > 0) {
            return logDiff(logNdtr(-a), logNdtr(-b));
        }
        return Math.log1p(-ndtr(a) - ndtr(-b));
    }

    /** log of the truncated density at x (−∞ outside [a, b]). */
    static double logPdf(double x, double a, double b) {
        if (x < a || x > b) {
            return Double.NEGATIVE_INFINITY;
        }
        return -0.5 * x * x - LOG_SQRT_2PI - logGaussMass(a, b);
    }

    /** The quantile q ∈ (0, 1) of the normal truncated to [a, b]. */
    static double ppf(double q, double a, double b) {
        double logMass = logGaussMass(a, b);
        double x;
        if (a < 0) {
            x = ndtriExp(logSum(logNdtr(a), Math.log(q) + logMass));
        } else {
            x = -ndtriExp(logSum(logNdtr(-b), Math.log1p(-q) + logMass));
        }
        return Math.min(b, Math.max(a, x));
    }

    /** A draw from the normal N(mu, sigma²) truncated to [low, high]. */
    static double sample(SplittableRandom rng, double mu, double sigma, double low, double high) {
        double q = rng.nextDouble();
        return mu + sigma * ppf(q, (low - mu) / sigma, (high - mu) / sigma);
    }

    /** x such that log Φ(x) = y (y ≤ 0). */
    static double ndtriExp(double y) {
        double x;
        if (y > -700) {
            double p = Math.exp(y);
            x = p > 0.5 ? -inverseNdtr(-Math.expm1(y)) : inverseNdtr(p);
            if (Double.isFinite(x)) {
                return x;
            }
        }
        // Far left tail: Newton's method on log Φ(x) − y from the asymptote x ≈ −√(−2y).
        x = -Math.sqrt(-2 * y);
        for (int i = 0; i < 100; i++) {
            double f = logNdtr(x) - y;
            // d/dx log Φ(x) = φ(x)/Φ(x) = exp(log φ(x) − log Φ(x))
            double slope = Math.exp(-0.5 * x * x - LOG_SQRT_2PI - logNdtr(x));
            double next = x - f / slope;
            if (Math.abs(next - x) <= 1e-15 * Math.abs(x)) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /**
     * Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9) refined by one Halley step
     * to full double precision.
     */
    static double inverseNdtr(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x =
                    (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5;
            double r = q * q;
            x =
                    (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5])
                            * q
                            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x =
                    -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        double e =
                (x < 0 ? 0.5 * Erf.erfc(-x / SQRT2) - p : -(0.5 * Erf.erfc(x / SQRT2) - (1 - p)));
        double u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
        return x - u / (1 + 0.5 * x * u);
    }

    private static double logSum(double p, double q) {
        double m = Math.max(p, q);
        return m == Double.NEGATIVE_INFINITY ? m : m + Math.log(Math.exp(p - m) + Math.exp(q - m));
    }

    private static double logDiff(double p, double q) {
        return p + Math.log1p(-Math.exp(q - p));
    }

    private static final double[] A = {
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00
    };
    private static final double[] B = {
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01
    };
    private static final double[] C = {
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00
    };
    private static final double[] D = {
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
}
