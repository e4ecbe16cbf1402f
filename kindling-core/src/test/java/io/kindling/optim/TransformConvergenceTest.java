package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.engine.Compute;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LARS, LAMB and Lion minimize the ill-conditioned quadratic {@code f(x) = ½Σ(i+1)xᵢ²} (n = 10,
 * condition number 10, {@code x₀ = 1}, {@code f(x₀) = 27.5}) in float32, in the trainer's way:
 * {@code p ← p + u} with the gradient {@code (i+1)·xᵢ}, each step in its own sub-manager. The
 * largest loss over the last 20 steps must be below {@code fraction · f(x₀)}: Lion moves every
 * coordinate by ±lr and ends in a small cycle rather than at a point. The run's manager holds as
 * many arrays at the end as after the first step (nothing leaks past the step scope).
 */
class TransformConvergenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "lars(lr=5, momentum=0.9, eta=0.001)|300|1e-3",
                "lars(lr=5, momentum=0.9, weight_decay=1e-4, eta=0.001)|300|1e-3",
                "lamb(lr=0.02)|300|1e-3",
                "lamb(lr=0.02, weight_decay=0.01)|300|1e-3",
                "lion(lr=0.01)|300|1e-3",
                "lion(lr=0.01, weight_decay=0.1)|300|1e-3",
                "chain(transforms=[clip_by_global_norm(max_norm=1), lion(lr=0.01)])|300|1e-3",
                "chain(transforms=[adaptive_clip(clipping=1), add_noise(eta=1e-6), l1(weight_decay=1e-4),"
                        + " sgd(lr=0.1, momentum=0.5)])|300|1e-3",
                "chain(transforms=[clip(value=2), clip_by_norm(max_norm=5),"
                        + " add_decayed_weights(weight_decay=1e-3), sign, scale(factor=-0.01)])|300|1e-3",
            })
    void reducesTheQuadratic(String expr, int steps, double fraction) {
        Compute.start(new Compute.Threads(1, 1));
        Compute.seed(7);
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray curvature = m.arange(1f, 11f);
            NDArray x = m.ones(curvature.getShape());
            double f0 = loss(x, curvature);
            TransformState state = opt.init(List.of(x), m);
            double worstLate = 0;
            int arraysAfterFirstStep = -1;
            for (int step = 0; step < steps; step++) {
                try (NDManager scope = m.newSubManager()) {
                    scope.tempAttachAll(x);
                    scope.tempAttachAll(state.allArrays().toArray(NDArray[]::new));
                    NDArray[] updates = {x.mul(curvature)};
                    opt.update(updates, state, List.of(x));
                    x.addi(updates[0]);
                }
                if (step == 0) {
                    arraysAfterFirstStep = ((BaseNDManager) m).getManagedArrays().size();
                }
                double f = loss(x, curvature);
                assertTrue(Double.isFinite(f), expr + " diverged at step " + step);
                if (step >= steps - 20) {
                    worstLate = Math.max(worstLate, f);
                }
            }
            assertEquals(DataType.FLOAT32, x.getDataType());
            assertEquals(
                    arraysAfterFirstStep,
                    ((BaseNDManager) m).getManagedArrays().size(),
                    expr + " leaked arrays into the run's manager");
            assertTrue(
                    worstLate < fraction * f0,
                    expr
                            + ": f went from "
                            + f0
                            + " to at most "
                            + worstLate
                            + " over the last 20 steps");
        }
    }

    private static double loss(NDArray x, NDArray curvature) {
        try (NDArray sq = x.square();
                NDArray weighted = sq.mul(curvature);
                NDArray sum = weighted.sum()) {
            return 0.5 * sum.getFloat();
        }
    }
}
