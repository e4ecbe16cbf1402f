package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.Position;
import io.kindling.nn.ParamContext;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * He (Kaiming) normal for the activation that follows the layer: {@code w ~ N(0,
 * gain(act)²/fan_in)}, with {@link Gain#of(io.kindling.nn.Activation)} of the parameter's context
 * (√2 before a ReLU, 1 before the linear output). It is what {@code base=auto} means in {@code
 * fixup}, {@code mup} and {@code noisy}, and prints as the bare word {@code auto}, which only those
 * arguments accept.
 */
record HeForActivation() implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return Gain.of(context.nonlinearity()) / Math.sqrt(context.fanIn());
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(0, std(context));
    }

    @Override
    public Call toExpr() {
        return new Call("auto", List.of(), Position.NONE);
    }
}
