package io.kindling.metrics;

/**
 * Regression and language-model metrics with scikit-learn's definitions: {@code MSE = mean (y −
 * ŷ)²}, {@code MAE = mean |y − ŷ|}, {@code R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²} (1 for a perfect fit of
 * constant y, else 0 when y is constant, as sklearn's force_finite), and perplexity {@code exp(mean
 * cross-entropy)}.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {}

    /** Mean squared error. */
    public static double mse(double[] y, double[] yHat) {
        check(y, yHat);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - yHat[i]) * (y[i] - yHat[i]);
        }
        return s / y.length;
    }

    /** Mean absolute error. */
    public static double mae(double[] y, double[] yHat) {
        check(y, yHat);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs(y[i] - yHat[i]);
        }
        return s / y.length;
    }

    /** Coefficient of determination R². */
    public static double r2(double[] y, double[] yHat) {
        check(y, yHat);
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double res = 0;
        double tot = 0;
        for (int i = 0; i < y.length; i++) {
            res += (y[i] - yHat[i]) * (y[i] - yHat[i]);
            tot += (y[i] - mean) * (y[i] - mean);
        }
        if (tot == 0) {
            return res == 0 ? 1 : 0;
        }
        return 1 - res / tot;
    }

    /** Perplexity from a mean cross-entropy in nats. */
    public static double perplexity(double meanCrossEntropy) {
        return Math.exp(meanCrossEntropy);
    }

    private static void check(double[] y, double[] yHat) {
        if (y.length != yHat.length || y.length == 0) {
            throw new IllegalArgumentException(
                    "need equal, non-empty arrays; got " + y.length + " and " + yHat.length);
        }
    }
}
