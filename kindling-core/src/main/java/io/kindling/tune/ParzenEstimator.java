package io.kindling.tune;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A Parzen estimator over one group of parameters: a mixture of product kernels, one per
 * observation plus a prior, as in Optuna's TPE ({@code _ParzenEstimator}).
 *
 * <ul>
 *   <li>Numbers live in the internal space: log for log scales, and a discrete range widened by
 *       half a step on each side. Each observation is a Gaussian kernel at its value truncated to
 *       the range; its σ is the larger distance to its sorted neighbours (the range's ends count as
 *       neighbours, except that the outermost kernels take the distance to their inner neighbour),
 *       clipped to [(high − low)/min(100, n + 2), high − low] ("magic clip"). The prior is a kernel
 *       at the range's middle with σ = high − low. Discrete values get the kernel's mass over [x −
 *       step/2, x + step/2].
 *   <li>A choice's kernel puts weight 1 + w/(n+1) on its observed option and w/(n+1) on every other
 *       (w the prior weight), normalized; the prior kernel is uniform.
 *   <li>Kernel weights are the given observation weights plus the prior weight, normalized.
 * </ul>
 */
final class ParzenEstimator {

    private final List<Distribution> dists;
    private final double[] logWeights;
    private final double[] weights;

    /** Per dimension: kernel means (numbers) or null. */
    private final double[][] mus;

    private final double[][] sigmas;

    /** Per dimension: kernel × option probabilities (choices) or null. */
    private final double[][][] categorical;

    /** Per dimension, per kernel: log mass of the truncation range (numbers). */
    private final double[][] logNormalizers;

    /** Per dimension: the bounds in the internal space (numbers) or null. */
    private final Range[] ranges;

    /**
     * @param dists the group's distributions
     * @param observations internal values, one row per observation, one column per dimension
     * @param observationWeights one weight per observation (≥ 0)
     * @param priorWeight the prior kernel's weight
     */
    ParzenEstimator(
            List<Distribution> dists,
            double[][] observations,
            double[] observationWeights,
            double priorWeight) {
        this.dists = dists;
        int n = observations.length;
        int kernels = n + 1;
        weights = new double[kernels];
        if (n == 0) {
            weights[0] = 1;
        } else {
            double sum = priorWeight;
            for (int i = 0; i < n; i++) {
                weights[i] = observationWeights[i];
                sum += weights[i];
            }
            weights[n] = priorWeight;
            for (int i = 0; i < kernels; i++) {
                weights[i] /= sum;
            }
        }
        logWeights = new double[kernels];
        for (int i = 0; i < kernels; i++) {
            logWeights[i] = Math.log(weights[i]);
        }
        int d = dists.size();
        mus = new double[d][];
        sigmas = new double[d][];
        categorical = new double[d][][];
        logNormalizers = new double[d][];
        ranges = new Range[d];
        for (int j = 0; j < d; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = observations[i][j];
            }
            if (dists.get(j) instanceof CategoricalDistribution c) {
                categorical[j] = categoricalKernels(column, c.size(), priorWeight);
            } else {
                Range r = Range.of(dists.get(j));
                ranges[j] = r;
                double[][] ms = numericalKernels(column, r);
                mus[j] = ms[0];
                sigmas[j] = ms[1];
                logNormalizers[j] = new double[kernels];
                for (int k = 0; k < kernels; k++) {
                    logNormalizers[j][k] =
                            TruncatedNormal.logGaussMass(
                                    (r.adaptedLow - mus[j][k]) / sigmas[j][k],
                                    (r.adaptedHigh - mus[j][k]) / sigmas[j][k]);
                }
            }
        }
    }

    /** Kernel weights, normalized (the prior's last). */
    double[] weights() {
        return weights.clone();
    }

    /** Kernel means of dimension j (the prior's last), in the internal space. */
    double[] mus(int j) {
        return mus[j].clone();
    }

    /** Kernel widths of dimension j (the prior's last). */
    double[] sigmas(int j) {
        return sigmas[j].clone();
    }

    /** Option probabilities per kernel of a choice dimension j. */
    double[][] categorical(int j) {
        return categorical[j];
    }

    /** {@code size} draws, one row each, in internal values. */
    double[][] sample(SplittableRandom rng, int size) {
        double[][] out = new double[size][dists.size()];
        int[] active = new int[size];
        for (int s = 0; s < size; s++) {
            active[s] = pick(weights, rng.nextDouble());
        }
        for (int j = 0; j < dists.size(); j++) {
            for (int s = 0; s < size; s++) {
                int k = active[s];
                if (categorical[j] != null) {
                    out[s][j] = pick(categorical[j][k], rng.nextDouble());
                    continue;
                }
                Range r = ranges[j];
                double x =
                        TruncatedNormal.sample(
                                rng, mus[j][k], sigmas[j][k], r.adaptedLow, r.adaptedHigh);
                if (r.log) {
                    x = Math.exp(x);
                }
                if (r.step > 0) {
                    x =
                            Math.min(
                                    r.high,
                                    Math.max(
                                            r.low,
                                            r.low + Math.rint((x - r.low) / r.step) * r.step));
                }
                out[s][j] = x;
            }
        }
        return out;
    }

    /** The log density (mass, for discrete dimensions) of each row of {@code x}. */
    double[] logPdf(double[][] x) {
        int kernels = weights.length;
        double[] out = new double[x.length];
        double[] terms = new double[kernels];
        for (int s = 0; s < x.length; s++) {
            for (int k = 0; k < kernels; k++) {
                double t = logWeights[k];
                for (int j = 0; j < dists.size() && t != Double.NEGATIVE_INFINITY; j++) {
                    t += logKernel(j, k, x[s][j]);
                }
                terms[k] = t;
            }
            out[s] = logSumExp(terms);
        }
        return out;
    }

    private double logKernel(int j, int k, double v) {
        if (categorical[j] != null) {
            return Math.log(categorical[j][k][(int) v]);
        }
        Range r = ranges[j];
        double mu = mus[j][k];
        double sigma = sigmas[j][k];
        if (r.step == 0) {
            double z = ((r.log ? Math.log(v) : v) - mu) / sigma;
            double a = (r.adaptedLow - mu) / sigma;
            double b = (r.adaptedHigh - mu) / sigma;
            if (z < a || z > b) {
                return Double.NEGATIVE_INFINITY;
            }
            return -0.5 * z * z
                    - 0.5 * Math.log(2 * Math.PI)
                    - Math.log(sigma)
                    - logNormalizers[j][k];
        }
        double left = v - r.step / 2;
        double right = v + r.step / 2;
        if (r.log) {
            left = Math.log(left);
            right = Math.log(right);
        }
        return TruncatedNormal.logGaussMass((left - mu) / sigma, (right - mu) / sigma)
                - logNormalizers[j][k];
    }

    private static double[][] categoricalKernels(
            double[] observed, int options, double priorWeight) {
        int n = observed.length;
        if (n == 0) {
            double[][] w = new double[1][options];
            java.util.Arrays.fill(w[0], 1.0 / options);
            return w;
        }
        int kernels = n + 1;
        double[][] w = new double[kernels][options];
        for (int k = 0; k < kernels; k++) {
            java.util.Arrays.fill(w[k], priorWeight / kernels);
            if (k < n) {
                w[k][(int) observed[k]] += 1;
            }
            double sum = 0;
            for (double v : w[k]) {
                sum += v;
            }
            for (int o = 0; o < options; o++) {
                w[k][o] /= sum == 0 ? 1 : sum;
            }
        }
        return w;
    }

    /** Means and widths of the observations' kernels and the prior's (last). */
    private static double[][] numericalKernels(double[] observed, Range r) {
        int n = observed.length;
        double low = r.adaptedLow;
        double high = r.adaptedHigh;
        double[] mus = new double[n + 1];
        double[] sigmas = new double[n + 1];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            mus[i] = r.log ? Math.log(observed[i]) : observed[i];
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(mus[p], mus[q]));
        double[] withEnds = new double[n + 2];
        withEnds[0] = low;
        withEnds[n + 1] = high;
        for (int i = 0; i < n; i++) {
            withEnds[i + 1] = mus[order[i]];
        }
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = Math.max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
        }
        if (n + 2 >= 4) {
            // consider_endpoints=false: the outermost kernels ignore the range's ends
            sorted[0] = withEnds[2] - withEnds[1];
            sorted[n - 1] = withEnds[n] - withEnds[n - 1];
        }
        double max = high - low;
        double min = (high - low) / Math.min(100.0, 1.0 + (n + 1));
        for (int i = 0; i < n; i++) {
            sigmas[order[i]] = Math.min(max, Math.max(min, sorted[i]));
        }
        mus[n] = 0.5 * (low + high);
        sigmas[n] = high - low;
        return new double[][] {mus, sigmas};
    }

    private static int pick(double[] probabilities, double u) {
        double cumulative = 0;
        for (int i = 0; i < probabilities.length - 1; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    private static double logSumExp(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    /**
     * A numeric distribution's bounds in the internal space.
     *
     * @param low the smallest value (external)
     * @param high the largest value (external)
     * @param step the grid step (external), 0 when continuous
     * @param log whether the internal space is logarithmic
     * @param adaptedLow the truncation's lower end in the internal space
     * @param adaptedHigh its upper end
     */
    private record Range(
            double low,
            double high,
            double step,
            boolean log,
            double adaptedLow,
            double adaptedHigh) {

        static Range of(Distribution d) {
            double low;
            double high;
            double step;
            boolean log;
            if (d instanceof FloatDistribution f) {
                low = f.low();
                high = f.high();
                step = f.step();
                log = f.log();
            } else {
                IntDistribution i = (IntDistribution) d;
                low = i.low();
                high = i.high();
                step = i.step();
                log = i.log();
            }
            double lo = step > 0 ? low - step / 2 : low;
            double hi = step > 0 ? high + step / 2 : high;
            if (log) {
                lo = Math.log(lo);
                hi = Math.log(hi);
            }
            return new Range(low, high, step, log, lo, hi);
        }
    }
}
