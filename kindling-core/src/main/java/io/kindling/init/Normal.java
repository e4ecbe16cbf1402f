package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Gaussian: {@code w ~ N(mean, std²)}, as {@code torch.nn.init.normal_} (defaults mean 0, std 1).
 *
 * <p>Example: {@code normal(std=0.02)} (GPT-2's base init, Radford et al. 2019).
 *
 * @param mean the mean
 * @param stddev the standard deviation, ≥ 0
 */
public record Normal(double mean, double stddev) implements Initializer {

    public Normal {
        Check.argument(stddev >= 0, "normal", "std", ">= 0", stddev);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return gaussian(manager, context, mean, stddev);
    }

    @Override
    public double std(ParamContext context) {
        return stddev;
    }

    /** Samples N(mean, std²) in the shape of the parameter, with the engine's generator. */
    static NDArray gaussian(NDManager manager, ParamContext context, double mean, double std) {
        return manager.randomNormal((float) mean, (float) std, context.shape(), DataType.FLOAT32);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(mean, std(context));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("normal").arg("mean", mean).arg("std", stddev).build();
    }
}
