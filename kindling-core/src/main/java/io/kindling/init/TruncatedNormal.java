package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;

/**
 * Truncated normal: {@code w ~ N(mean, std²)} conditioned on {@code a ≤ w ≤ b}, as {@code
 * torch.nn.init.trunc_normal_} (defaults mean=0, std=1, a=-2, b=2). As in PyTorch, {@code a} and
 * {@code b} are absolute bounds, not multiples of {@code std}, and sampling is by inverse CDF:
 * {@code u ~ U(2Φ(α)−1, 2Φ(β)−1)}, {@code w = mean + std·√2·erfinv(u)}, clamped to {@code [a, b]},
 * with {@code α = (a−mean)/std}, {@code β = (b−mean)/std}. Kindling runs these steps in float64 and
 * rounds the result to float32 (PyTorch runs them in the tensor's dtype), so tails are resolved
 * more finely; an interval so far out (about 7 std) that even float64 cannot resolve it is rejected
 * instead of sampled badly.
 *
 * <p>{@link #std} is the std of the truncated distribution, {@code std·√(1 + (αφ(α) − βφ(β))/Z −
 * ((φ(α) − φ(β))/Z)²)}, {@code Z = Φ(β) − Φ(α)}, not the {@code std} argument. Example: {@code
 * trunc_normal(std=0.02, a=-0.04, b=0.04)} (ViT/timm).
 *
 * @param mean the mean of the untruncated normal
 * @param stddev the std of the untruncated normal, {@code > 0}
 * @param a lower bound
 * @param b upper bound, {@code > a}
 */
public record TruncatedNormal(double mean, double stddev, double a, double b)
        implements Initializer {

    public TruncatedNormal {
        Check.argument(stddev > 0, "trunc_normal", "std", "> 0", stddev);
        Check.order("trunc_normal", a, b);
        if (!resolvable((a - mean) / stddev, (b - mean) / stddev)) {
            throw new IllegalArgumentException(
                    "trunc_normal interval ["
                            + a
                            + ", "
                            + b
                            + "] lies too far in the tail of N("
                            + mean
                            + ", "
                            + stddev
                            + "²) (z from "
                            + (a - mean) / stddev
                            + " to "
                            + (b - mean) / stddev
                            + ") for inverse-CDF "
                            + "sampling; move it within about 6 std of the mean");
        }
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return sample(manager, context.shape(), mean, stddev, a, b);
    }

    @Override
    public double std(ParamContext context) {
        return trueStd(stddev, (a - mean) / stddev, (b - mean) / stddev);
    }

    /** The mean of the truncated distribution. */
    public double trueMean() {
        double alpha = (a - mean) / stddev;
        double beta = (b - mean) / stddev;
        return mean + stddev * (pdf(alpha) - pdf(beta)) / mass(alpha, beta);
    }

    /**
     * Samples N(mean, std²) truncated to [lo, hi] by PyTorch's inverse-CDF method, in float64,
     * returning float32; intermediates are freed.
     */
    static NDArray sample(
            NDManager manager, Shape shape, double mean, double std, double lo, double hi) {
        double l = cdf((lo - mean) / std);
        double u = cdf((hi - mean) / std);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = scratch.randomUniform(0f, 1f, shape, DataType.FLOAT64);
            x.muli(2 * u - 2 * l).addi(2 * l - 1);
            x = x.erfinv();
            x.muli(std * Math.sqrt(2.0)).addi(mean);
            NDArray out = x.clip(lo, hi).toType(DataType.FLOAT32, false);
            out.attach(manager);
            return out;
        }
    }

    /**
     * Whether inverse-CDF sampling resolves [α, β] finely: the uniform interval [2Φ(α)−1, 2Φ(β)−1]
     * must span at least a million float64 steps (near ±1 it collapses to a few representable
     * values once the interval is ~7σ out).
     */
    static boolean resolvable(double alpha, double beta) {
        double lo = 2 * cdf(alpha) - 1;
        double hi = 2 * cdf(beta) - 1;
        return mass(alpha, beta) > 0
                && hi - lo >= 1e6 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)));
    }

    /**
     * The std of N(0, σ²) truncated to [ασ, βσ].
     *
     * @param sigma σ of the untruncated normal
     * @param alpha lower bound in units of σ
     * @param beta upper bound in units of σ
     */
    static double trueStd(double sigma, double alpha, double beta) {
        double z = mass(alpha, beta);
        double pa = pdf(alpha);
        double pb = pdf(beta);
        double ratio = (pa - pb) / z;
        return sigma * Math.sqrt(1 + (alpha * pa - beta * pb) / z - ratio * ratio);
    }

    /** Φ(β) − Φ(α), computed on the side of 0 where it does not cancel. */
    static double mass(double alpha, double beta) {
        if (alpha + beta > 0) {
            return mass(-beta, -alpha);
        }
        return 0.5 * (Erf.erfc(-beta / Math.sqrt(2)) - Erf.erfc(-alpha / Math.sqrt(2)));
    }

    /** Φ, the standard normal CDF, as PyTorch's {@code norm_cdf}. */
    static double cdf(double x) {
        return (1 + Erf.erf(x / Math.sqrt(2))) / 2;
    }

    private static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return density(mean, stddev, a, b);
    }

    /** The density of N(mean, std²) conditioned on [lo, hi]: φ((x−mean)/std) / (std·Z). */
    static Optional<DoubleUnaryOperator> density(double mean, double std, double lo, double hi) {
        double scale = 1 / (std * mass((lo - mean) / std, (hi - mean) / std));
        return Optional.of(x -> x < lo || x > hi ? 0 : scale * pdf((x - mean) / std));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("trunc_normal")
                .arg("mean", mean)
                .arg("std", stddev)
                .arg("a", a)
                .arg("b", b)
                .build();
    }
}
