package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Glorot/Xavier uniform: {@code w ~ U(-b, b)} with {@code b = gain · √(6 / (fan_in + fan_out))}, so
 * {@code std = gain · √(2 / (fan_in + fan_out))}, as {@code torch.nn.init.xavier_uniform_} (default
 * gain 1; Keras's {@code glorot_uniform} is the same distribution). {@code gain=auto} takes the
 * gain of the activation after the layer.
 *
 * <p>Glorot &amp; Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010. Example: {@code xavier_uniform(gain=auto)}; {@code glorot_uniform} is an
 * alias.
 *
 * @param gain multiplier on the bound, or auto
 */
public record XavierUniform(GainArg gain) implements Initializer {

    /** A fixed gain. */
    public XavierUniform(double gain) {
        this(GainArg.of(gain));
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        double b = bound(context);
        return Uniform.uniform(manager, context, -b, b);
    }

    @Override
    public double std(ParamContext context) {
        return gain.resolve(context) * Math.sqrt(2.0 / (context.fanIn() + context.fanOut()));
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
        return gain.addTo(CallBuilder.call("xavier_uniform"), "gain").build();
    }
}
