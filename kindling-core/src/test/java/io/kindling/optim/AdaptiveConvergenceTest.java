package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every adaptive optimizer, with a learning rate of the usual size for it, minimizes the
 * ill-conditioned quadratic {@code ½Σ(i+1)·x_i²} (6 coordinates, from all ones, loss 10.5) below
 * 1e-2 within 300 steps, and more than halves Rosenbrock's function from (−1.5, 2) (loss 12.5)
 * within 500 steps, in float32 with autograd gradients, as in training.
 */
class AdaptiveConvergenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "adam(lr=0.05)",
                "adam(lr=0.05, amsgrad=true, weight_decay=1e-4)",
                "adamw(lr=0.05)",
                "rmsprop(lr=0.01)",
                "rmsprop(lr=0.01, centered=true, momentum=0.5)",
                "adagrad(lr=0.5)",
                "adadelta(lr=2)",
                "adamax(lr=0.05)",
                "nadam(lr=0.05)",
                "radam(lr=0.05)",
            })
    void quadraticBelowOneHundredth(String expr) {
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        double[] start = new double[6];
        Arrays.fill(start, 1.0);
        double[][] rows =
                Trajectory.run(opt, TestFunction.QUADRATIC, start, 300, DataType.FLOAT32).rows();
        double first = rows[0][0];
        double last = rows[rows.length - 1][0];
        assertTrue(Math.abs(first - 10.5) < 1e-6, "start loss " + first);
        assertTrue(last < 1e-2, expr + ": loss after 300 steps " + last);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "adam(lr=0.05)",
                "adamw(lr=0.05)",
                "rmsprop(lr=0.01)",
                "adagrad(lr=0.5)",
                "adadelta(lr=3)",
                "adamax(lr=0.1)",
                "nadam(lr=0.05)",
                "radam(lr=0.01)",
            })
    void rosenbrockImproves(String expr) {
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        double[][] rows =
                Trajectory.run(
                                opt,
                                TestFunction.ROSENBROCK,
                                TestFunction.ROSENBROCK.defaultStart(),
                                500,
                                DataType.FLOAT32)
                        .rows();
        double first = rows[0][0];
        double last = rows[rows.length - 1][0];
        assertTrue(last < 0.5 * first, expr + ": Rosenbrock " + first + " -> " + last);
    }
}
