package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Variance scaling, exactly as {@code keras.initializers.VarianceScaling} and {@code
 * jax.nn.initializers.variance_scaling}: with {@code v = scale / max(1, n)}, {@code n} the fan by
 * {@code mode} (fan_avg = (fan_in + fan_out)/2),
 *
 * <ul>
 *   <li>{@code truncated_normal}: N(0, σ²) truncated to [−2σ, 2σ] with {@code σ = √v /
 *       .87962566103423978}, the std of a standard normal truncated at ±2, so the variance is
 *       {@code v};
 *   <li>{@code untruncated_normal}: N(0, v);
 *   <li>{@code uniform}: U(−√(3v), √(3v)).
 * </ul>
 *
 * Defaults are Keras's: scale=1, mode=fan_in, distribution=truncated_normal. The bare name {@code
 * normal} is not accepted: Keras once read it as truncated, JAX reads it as untruncated.
 *
 * <p>The family generalizes LeCun (scale 1, fan_in), Glorot (scale 1, fan_avg) and He (scale 2,
 * fan_in). Example: {@code variance_scaling(scale=2, mode=fan_in, distribution=truncated_normal)}
 * is Keras's {@code he_normal}.
 *
 * @param scale multiplier on the variance, {@code > 0}
 * @param mode fan_in, fan_out or fan_avg
 * @param distribution truncated_normal, untruncated_normal or uniform
 */
public record VarianceScaling(double scale, FanMode mode, Distribution distribution)
        implements Initializer {

    /** The std of N(0, 1) truncated to [−2, 2], Keras's and JAX's constant. */
    public static final double TRUNCATION_CORRECTION = 0.8796256610342398;

    /** What is sampled. */
    public enum Distribution {
        TRUNCATED_NORMAL,
        UNTRUNCATED_NORMAL,
        UNIFORM;

        /** The text form, e.g. {@code truncated_normal}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a {@link #label()}. */
        public static Distribution of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public VarianceScaling {
        Check.argument(
                scale > 0 && Double.isFinite(scale),
                "variance_scaling",
                "scale",
                "> 0 and finite",
                scale);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(distribution, "distribution");
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return switch (distribution) {
            case TRUNCATED_NORMAL -> {
                double sigma = sigma(context);
                yield TruncatedNormal.sample(
                        manager, context.shape(), 0, sigma, -2 * sigma, 2 * sigma);
            }
            case UNTRUNCATED_NORMAL -> Normal.gaussian(manager, context, 0, sigma(context));
            case UNIFORM -> {
                double limit = limit(context);
                yield Uniform.uniform(manager, context, -limit, limit);
            }
        };
    }

    /** The target variance {@code scale / max(1, n)}. */
    public double variance(ParamContext context) {
        return scale / Math.max(1.0, mode.fan(context));
    }

    /**
     * The std parameter of the normal drawn from: {@code √v / .8796…} when truncated, {@code √v}
     * when not; for uniform, {@code √v}.
     */
    public double sigma(ParamContext context) {
        double s = Math.sqrt(variance(context));
        return distribution == Distribution.TRUNCATED_NORMAL ? s / TRUNCATION_CORRECTION : s;
    }

    /** The uniform half-width {@code √(3v)}. */
    public double limit(ParamContext context) {
        return Math.sqrt(3.0 * variance(context));
    }

    @Override
    public double std(ParamContext context) {
        return distribution == Distribution.TRUNCATED_NORMAL
                ? TruncatedNormal.trueStd(sigma(context), -2, 2)
                : Math.sqrt(variance(context));
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        double sigma = sigma(context);
        return switch (distribution) {
            case TRUNCATED_NORMAL -> TruncatedNormal.density(0, sigma, -2 * sigma, 2 * sigma);
            case UNTRUNCATED_NORMAL -> Initializer.gaussian(0, sigma);
            case UNIFORM -> Uniform.density(-limit(context), limit(context));
        };
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("variance_scaling")
                .arg("scale", scale)
                .arg("mode", mode.label())
                .arg("distribution", distribution.label())
                .build();
    }
}
