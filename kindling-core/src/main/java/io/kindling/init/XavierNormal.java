package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Glorot/Xavier normal: {@code w ~ N(0, std²)} with {@code std = gain · √(2 / (fan_in + fan_out))},
 * as {@code torch.nn.init.xavier_normal_} (default gain 1). {@code gain=auto} takes the gain of the
 * activation after the layer.
 *
 * <p>Glorot &amp; Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010. Example: {@code xavier_normal(gain=auto)}, or {@code
 * xavier_normal(gain=1.6667)} for tanh; {@code glorot_normal} is an alias. Unlike Keras's {@code
 * glorot_normal}, the normal is not truncated (PyTorch's definition).
 *
 * @param gain multiplier on the std, or auto
 */
public record XavierNormal(GainArg gain) implements Initializer {

    /** A fixed gain. */
    public XavierNormal(double gain) {
        this(GainArg.of(gain));
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return gain.resolve(context) * Math.sqrt(2.0 / (context.fanIn() + context.fanOut()));
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(0, std(context));
    }

    @Override
    public Call toExpr() {
        return gain.addTo(CallBuilder.call("xavier_normal"), "gain").build();
    }
}
