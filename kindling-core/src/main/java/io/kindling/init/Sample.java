package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import io.kindling.nn.ParamContext;

/**
 * One tensor drawn from an initializer outside any model, with its summary statistics, for {@code
 * kindling sample} and for tests.
 *
 * @param context the lone-weight context it was drawn for
 * @param values the values, row-major in PyTorch layout
 * @param mean sample mean
 * @param std sample std (population)
 * @param min smallest value
 * @param max largest value
 * @param expectedStd the std the initializer targets
 */
public record Sample(
        ParamContext context,
        float[] values,
        double mean,
        double std,
        double min,
        double max,
        double expectedStd) {

    /**
     * Draws a tensor.
     *
     * @param init the initializer
     * @param shape PyTorch layout (out, in, kernel…)
     * @param nonlinearity the activation assumed to follow (for {@code auto} gains)
     * @param seed engine seed
     * @return the sample
     */
    public static Sample draw(Initializer init, Shape shape, Activation nonlinearity, long seed) {
        ParamContext ctx = ParamContext.ofWeight(shape, nonlinearity);
        Compute.start(Compute.Threads.defaults());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Compute.seed(seed);
            NDArray a = init.sample(ctx, m);
            if (!a.getShape().equals(shape)) {
                throw new IllegalStateException(
                        init.print() + " returned shape " + a.getShape() + " for " + shape);
            }
            float[] v = a.toFloatArray();
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float x : v) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / v.length;
            double sq = 0;
            for (float x : v) {
                sq += (x - mean) * (x - mean);
            }
            return new Sample(ctx, v, mean, Math.sqrt(sq / v.length), min, max, init.std(ctx));
        }
    }
}
