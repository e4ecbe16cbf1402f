package io.kindling.init;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * LeCun normal, as {@code keras.initializers.LecunNormal} and {@code
 * jax.nn.initializers.lecun_normal}: N(0, σ²) truncated to [−2σ, 2σ] with {@code σ = √(1/fan_in) /
 * .87962566103423978}, so the variance is exactly {@code 1/fan_in}; {@code
 * variance_scaling(scale=1, mode=fan_in, distribution=truncated_normal)}.
 *
 * <p>LeCun, Bottou, Orr &amp; Müller, "Efficient BackProp", 1998; with SELU, Klambauer,
 * Unterthiner, Mayr &amp; Hochreiter, "Self-Normalizing Neural Networks", 2017, arXiv:1706.02515.
 * Example: {@code lecun_normal} before {@code selu}. (PyTorch has no lecun_normal; its SELU advice,
 * {@code kaiming_normal(nonlinearity=linear)}, is the same variance untruncated.)
 */
public record LecunNormal() implements DelegatingInitializer {

    private static final VarianceScaling SAME =
            new VarianceScaling(1, FanMode.FAN_IN, VarianceScaling.Distribution.TRUNCATED_NORMAL);

    /** The equivalent {@code variance_scaling}. */
    public VarianceScaling asVarianceScaling() {
        return SAME;
    }

    @Override
    public Initializer delegate() {
        return SAME;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lecun_normal").build();
    }
}
