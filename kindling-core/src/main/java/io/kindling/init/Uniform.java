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
 * Uniform: {@code w ~ U(a, b)}, {@code std = (b − a)/√12}, as {@code torch.nn.init.uniform_}
 * (defaults a=0, b=1).
 *
 * <p>Example: {@code uniform(a=-0.05, b=0.05)} (Keras's old {@code RandomUniform} default).
 *
 * @param a lower bound
 * @param b upper bound, {@code > a}
 */
public record Uniform(double a, double b) implements Initializer {

    public Uniform {
        Check.order("uniform", a, b);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return uniform(manager, context, a, b);
    }

    @Override
    public double std(ParamContext context) {
        return (b - a) / Math.sqrt(12);
    }

    /** Samples U(lo, hi) in the shape of the parameter, with the engine's generator. */
    static NDArray uniform(NDManager manager, ParamContext context, double lo, double hi) {
        return manager.randomUniform((float) lo, (float) hi, context.shape(), DataType.FLOAT32);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return density(a, b);
    }

    /** The density of U(lo, hi): {@code 1/(hi − lo)} on [lo, hi], 0 elsewhere. */
    static Optional<DoubleUnaryOperator> density(double lo, double hi) {
        double height = 1 / (hi - lo);
        return Optional.of(x -> x >= lo && x <= hi ? height : 0);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("uniform").arg("a", a).arg("b", b).build();
    }
}
