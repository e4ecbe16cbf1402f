package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.LayerKind;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * PyTorch's default initialization of its layers, weights and biases alike:
 *
 * <pre>
 * nn.RNN / nn.LSTM / nn.GRU   every weight and bias  w ~ U(−1/√H, 1/√H), H the hidden size
 * nn.Linear / nn.Conv2d       weight and bias        w ~ U(−1/√fan_in, 1/√fan_in)
 *                             (kaiming_uniform(a=√5) gives this bound for the weight)
 * </pre>
 *
 * std = bound/√3. {@code reset_parameters} of {@code torch.nn.RNNBase} and {@code torch.nn.Linear}.
 * Use it for every parameter, biases included: {@code init: [{match: "*", init: torch_default}]} (a
 * bare {@code --init torch_default} keeps biases zero).
 */
public record TorchDefault() implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        double b = bound(context);
        return Uniform.uniform(manager, context, -b, b);
    }

    /** 1/√H for a recurrent layer (H = rows of a gate slice), 1/√fan_in otherwise. */
    static double bound(ParamContext context) {
        long n =
                context.layer() == LayerKind.RECURRENT
                        ? context.shape().get(0)
                        : Math.max(1, context.fanIn());
        return 1 / Math.sqrt(n);
    }

    @Override
    public double std(ParamContext context) {
        return bound(context) / Math.sqrt(3);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        double b = bound(context);
        return Uniform.density(-b, b);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("torch_default").build();
    }
}
