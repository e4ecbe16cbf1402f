package io.kindling.init;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * LeCun uniform, as {@code keras.initializers.LecunUniform} and {@code
 * jax.nn.initializers.lecun_uniform}: U(−b, b) with {@code b = √(3/fan_in)}, so the variance is
 * {@code 1/fan_in}; {@code variance_scaling(scale=1, mode=fan_in, distribution=uniform)}.
 *
 * <p>LeCun, Bottou, Orr &amp; Müller, "Efficient BackProp", in Neural Networks: Tricks of the
 * Trade, 1998. Example: {@code lecun_uniform}.
 */
public record LecunUniform() implements DelegatingInitializer {

    private static final VarianceScaling SAME =
            new VarianceScaling(1, FanMode.FAN_IN, VarianceScaling.Distribution.UNIFORM);

    /** The equivalent {@code variance_scaling}. */
    public VarianceScaling asVarianceScaling() {
        return SAME;
    }

    @Override
    public Initializer delegate() {
        return SAME;
    }

    /** The half-width {@code √(3/fan_in)}. */
    public double limit(ParamContext context) {
        return SAME.limit(context);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lecun_uniform").build();
    }
}
