package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Expressible;
import io.kindling.nn.Model;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A strategy that fills one parameter, seeing the parameter's full context (shape, fans, layer
 * kind, role, following nonlinearity, depth). Sampling uses the engine's seeded generator, so the
 * same seed gives the same tensor.
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
     * The standard deviation this strategy targets for the parameter, for plan tables and tests.
     *
     * @param context the parameter being initialized
     * @return the target std (0 for constants)
     */
    double std(ParamContext context);

    /**
     * The probability density the samples follow, for plots that draw it over a histogram; empty
     * where there is no simple density (constants, structured matrices, mixtures).
     *
     * @param context the parameter being initialized
     * @return the density, if there is one
     */
    default Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Optional.empty();
    }

    /**
     * Checks, before anything is sampled, that this strategy can fill the parameter; the default
     * accepts every shape.
     *
     * @param context the parameter to be initialized
     * @throws io.kindling.config.ConfigException naming the parameter and what would fit
     */
    default void checkFits(ParamContext context) {}

    /**
     * Checks, before anything is sampled, that this strategy fits the model as a whole (Fixup needs
     * residual branches); the default accepts every model.
     *
     * @param model the model the plan initializes
     * @throws io.kindling.config.ConfigException naming the model and what would fit
     */
    default void checkFits(Model model) {}

    /**
     * This strategy with every argument that depends on the whole model resolved (an {@code auto}
     * count of blocks, say, for parameters that sit outside the blocks); the plan binds each rule
     * to its model before sampling or printing. The default depends on no such argument.
     *
     * @param model the model the plan initializes
     * @return the bound strategy
     */
    default Initializer bind(Model model) {
        return this;
    }

    /** The density of N(mean, std²), for Gaussian initializers. */
    static Optional<DoubleUnaryOperator> gaussian(double mean, double std) {
        if (!(std > 0)) {
            return Optional.empty();
        }
        double norm = 1 / (std * Math.sqrt(2 * Math.PI));
        return Optional.of(x -> norm * Math.exp(-0.5 * ((x - mean) / std) * ((x - mean) / std)));
    }
}
