package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * Glorot/Xavier normal: {@code w ~ N(0, std²)} with
 * {@code std = gain · √(2 / (fan_in + fan_out))}, as {@code torch.nn.init.xavier_normal_}.
 *
 * <p>Glorot &amp; Bengio, "Understanding the difficulty of training deep feedforward neural
 * networks", AISTATS 2010. Example: {@code xavier_normal(gain=1.6667)} for tanh.
 *
 * @param gain multiplier on the std (PyTorch default 1)
 */
public record XavierNormal(double gain) implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return gain * Math.sqrt(2.0 / (context.fanIn() + context.fanOut()));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("xavier_normal").arg("gain", gain).build();
    }
}
