package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

    @Test
    void sgdOnTheQuadraticFollowsItsClosedForm() {
        // x_i after k steps of p ← p − lr·(i+1)·p is (1 − lr·(i+1))^k · x_i(0).
        double lr = 0.1;
        Trajectory t =
                Trajectory.run(
                        Optimizers.REGISTRY.parse("sgd(lr=0.1)"),
                        TestFunction.QUADRATIC,
                        new double[] {1, -2, 0.5},
                        20,
                        DataType.FLOAT64);
        assertEquals(21, t.rows().length);
        double[] start = {1, -2, 0.5};
        for (int k = 0; k <= 20; k++) {
            double loss = 0;
            for (int i = 0; i < 3; i++) {
                double want = Math.pow(1 - lr * (i + 1), k) * start[i];
                assertEquals(want, t.rows()[k][i + 1], 1e-12, "step " + k + " x" + i);
                loss += 0.5 * (i + 1) * want * want;
            }
            assertEquals(loss, t.rows()[k][0], 1e-12, "loss at step " + k);
        }
    }

    @Test
    void rosenbrockGradientMatchesTheAnalyticOne() {
        // One step of sgd(lr) from (x, y) moves by −lr·∇f with
        // ∇f = (−2(1−x) − 400x(y−x²), 200(y−x²)).
        double x = -1.5;
        double y = 2;
        double lr = 1e-4;
        Trajectory t =
                Trajectory.run(
                        Optimizers.REGISTRY.parse("sgd(lr=1e-4)"),
                        TestFunction.ROSENBROCK,
                        new double[] {x, y},
                        1,
                        DataType.FLOAT64);
        double gx = -2 * (1 - x) - 400 * x * (y - x * x);
        double gy = 200 * (y - x * x);
        assertEquals(x - lr * gx, t.rows()[1][1], 1e-12);
        assertEquals(y - lr * gy, t.rows()[1][2], 1e-12);
        assertEquals(TestFunction.ROSENBROCK.value(x, y), t.rows()[0][0], 1e-12);
    }

    @Test
    void bealeHasItsMinimumAtThreeOneHalf() {
        assertEquals(0, TestFunction.BEALE.value(3, 0.5), 1e-15);
        Trajectory t =
                Trajectory.run(
                        Optimizers.REGISTRY.parse("sgd(lr=0.002, momentum=0.9)"),
                        TestFunction.BEALE,
                        new double[] {1, 1.5},
                        2000,
                        DataType.FLOAT64);
        double[] last = t.rows()[2000];
        assertTrue(last[0] < 1e-8, "beale loss " + last[0]);
        assertEquals(3, last[1], 1e-3);
        assertEquals(0.5, last[2], 1e-3);
    }

    @Test
    void csvHasTheDocumentedHeaderAndOneRowPerStep() {
        Trajectory t =
                Trajectory.run(
                        Optimizers.REGISTRY.parse("sgd(lr=0.1)"),
                        TestFunction.QUADRATIC,
                        new double[] {1, 1},
                        3,
                        DataType.FLOAT32);
        String[] lines = t.toCsv().lines().toArray(String[]::new);
        assertEquals("step,loss,x0,x1", lines[0]);
        assertEquals(5, lines.length);
        assertTrue(lines[1].startsWith("0,1.5,1.0,1.0"), lines[1]);
    }

    @Test
    void wrongNumberOfStartCoordinatesIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Trajectory.run(
                                        Optimizers.REGISTRY.parse("sgd(lr=0.1)"),
                                        TestFunction.ROSENBROCK,
                                        new double[] {1, 2, 3},
                                        1,
                                        DataType.FLOAT64));
        assertTrue(e.getMessage().contains("rosenbrock needs 2"), e.getMessage());
    }
}
