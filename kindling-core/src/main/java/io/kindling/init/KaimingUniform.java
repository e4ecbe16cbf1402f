package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * He/Kaiming uniform: {@code w ~ U(-b, b)} with {@code b = gain · √(3 / fan)}, so {@code std = gain
 * / √fan}, where {@code gain = calculate_gain(nonlinearity, a)} and {@code fan} is fan-in or
 * fan-out by {@code mode}, exactly as {@code torch.nn.init.kaiming_uniform_} (defaults a=0,
 * mode=fan_in, nonlinearity=leaky_relu: gain √2). {@code nonlinearity=auto} takes the gain of the
 * activation after the layer (for leaky_relu with its slope); {@code a} must then be 0.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015, arXiv:1502.01852.
 * Example: {@code kaiming_uniform(nonlinearity=auto)}; {@code he_uniform} is {@code
 * kaiming_uniform(mode=fan_in, nonlinearity=relu)}, bound √(6/fan_in), the same as Keras's {@code
 * he_uniform}.
 *
 * @param a negative slope of the rectifier (leaky_relu only)
 * @param mode fan_in or fan_out
 * @param nonlinearity a name from {@link Gain#NONLINEARITIES}, or {@code auto}
 */
public record KaimingUniform(double a, FanMode mode, String nonlinearity) implements Initializer {

    public KaimingUniform {
        KaimingNormal.check("kaiming_uniform", a, mode, nonlinearity);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        double b = bound(context);
        return Uniform.uniform(manager, context, -b, b);
    }

    @Override
    public double std(ParamContext context) {
        return KaimingNormal.std(a, mode, nonlinearity, context);
    }

    /** The half-width {@code b}, computed as PyTorch does: √3 · std. */
    public double bound(ParamContext context) {
        return Math.sqrt(3.0) * std(context);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        double b = bound(context);
        return Uniform.density(-b, b);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("kaiming_uniform")
                .arg("a", a)
                .arg("mode", mode.label())
                .arg("nonlinearity", nonlinearity)
                .build();
    }
}
