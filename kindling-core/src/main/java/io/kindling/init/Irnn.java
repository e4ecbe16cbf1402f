package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * The IRNN recipe as one plan: a ReLU RNN whose recurrence starts as the identity, so the hidden
 * state is copied forward and gradients neither vanish nor explode through time at init.
 *
 * <pre>
 * hidden-to-hidden weights (role recurrent)   W_hh = I        (each gate's H×H block for a gated cell)
 * biases (bias and recurrent_bias)            b = 0
 * every other weight (input, head)            w ~ N(0, std²), std = 0.001
 * </pre>
 *
 * <p>Le, Jaitly &amp; Hinton, "A Simple Way to Initialize Recurrent Networks of Rectified Linear
 * Units", 2015, arXiv:1504.00941, §2 (identity recurrence, zero biases; other weights from a small
 * Gaussian, 0.001 in their experiments). Use with {@code rnn(activation=relu)}: {@code --model
 * "rnn(hidden=100, activation=relu)" --init irnn}, or {@code irnn(std=0.01)}.
 *
 * @param std the std of the non-recurrent weights
 */
public record Irnn(double std) implements Initializer {

    public Irnn {
        Check.argument(std >= 0, "irnn", "std", ">= 0", std);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return switch (context.role()) {
            case RECURRENT -> new Identity(1).sample(context, manager);
            case BIAS, RECURRENT_BIAS, SHIFT, GATE ->
                    manager.zeros(context.shape(), DataType.FLOAT32);
            case GAIN, SCALE, BUFFER -> manager.ones(context.shape(), DataType.FLOAT32);
            case WEIGHT ->
                    std == 0
                            ? manager.zeros(context.shape(), DataType.FLOAT32)
                            : manager.randomNormal(
                                    0, (float) std, context.shape(), DataType.FLOAT32);
        };
    }

    @Override
    public void checkFits(ParamContext context) {
        if (context.role() == io.kindling.nn.Role.RECURRENT) {
            new Identity(1).checkFits(context);
        }
    }

    @Override
    public double std(ParamContext context) {
        return switch (context.role()) {
            case RECURRENT -> new Identity(1).std(context);
            case WEIGHT -> std;
            default -> 0;
        };
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("irnn").arg("std", std).build();
    }
}
