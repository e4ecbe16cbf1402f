package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Expressible;
import io.kindling.nn.ParamContext;

/**
 * A strategy that fills one parameter, seeing the parameter's full context (shape, fans,
 * layer kind, role, following nonlinearity, depth). Sampling uses the engine's seeded
 * generator, so the same seed gives the same tensor.
 */
public interface Initializer extends Expressible {

    /**
     * Samples a float32 tensor of {@code context.shape()}.
     *
     * @param context the parameter being initialized
     * @param manager where the new tensor lives
     * @return the initial values
     */
    NDArray sample(ParamContext context, NDManager manager);

    /**
     * The standard deviation this strategy targets for the parameter, for plan tables and
     * tests.
     *
     * @param context the parameter being initialized
     * @return the target std (0 for constants)
     */
    double std(ParamContext context);
}
