package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.ParamContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedAndScheduledTest {

    @Test
    void maskedDecaysOnlyTheSelectedParameters() {
        Compute.start(new Compute.Threads(1, 1));
        GradientTransform masked =
                Optimizers.REGISTRY.parse(
                        "masked(inner=add_decayed_weights(weight_decay=0.5), match='role=weight')");
        assertEquals(masked, Optimizers.REGISTRY.parse(masked.print()));
        List<ParamContext> ctx = ParameterGroupsTest.contexts();
        GradientTransform bound = masked.bind(ctx);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params =
                    ctx.stream().map(c -> m.ones(c.shape(), DataType.FLOAT64)).toList();
            TransformState state = bound.init(params, m);
            NDArray[] updates = params.stream().map(NDArray::zerosLike).toArray(NDArray[]::new);
            bound.update(updates, state, params);
            for (double v : updates[0].toDoubleArray()) {
                assertEquals(0.5, v, 0);
            }
            assertArrayEquals(new double[] {0, 0}, updates[1].toDoubleArray(), 0);
        }
    }

    @Test
    void aScheduledLearningRateFollowsTheSchedule() {
        // quadratic ½x² with sgd: x_{k+1} = (1 − lr_k)·x_k, lr_k = 0.1·0.5^k.
        GradientTransform opt =
                Optimizers.REGISTRY.parse(
                        "scheduled(inner=sgd(lr=0.1), key=lr,"
                                + " schedule=step(step_size=1, gamma=0.5))");
        assertEquals(opt, Optimizers.REGISTRY.parse(opt.print()));
        Trajectory t =
                Trajectory.run(opt, TestFunction.QUADRATIC, new double[] {1}, 6, DataType.FLOAT64);
        double x = 1;
        for (int k = 0; k < 6; k++) {
            x *= 1 - 0.1 * Math.pow(0.5, k);
            assertEquals(x, t.rows()[k + 1][1], 1e-15, "step " + (k + 1));
        }
    }

    @Test
    void aScheduledMomentumKeepsItsBuffer() {
        // b_k = μ_k·b_{k−1} + g_k with μ_k = 0.9·0.5^k (b_1 = g_1), x −= lr·b.
        GradientTransform opt =
                Optimizers.REGISTRY.parse(
                        "scheduled(inner=sgd(lr=0.1,"
                                + " momentum=0.9), key=momentum, schedule=exponential(gamma=0.5))");
        Trajectory t =
                Trajectory.run(opt, TestFunction.QUADRATIC, new double[] {1}, 5, DataType.FLOAT64);
        double x = 1;
        double b = 0;
        for (int k = 0; k < 5; k++) {
            double g = x;
            b = k == 0 ? g : 0.9 * Math.pow(0.5, k) * b + g;
            x -= 0.1 * b;
            assertEquals(x, t.rows()[k + 1][1], 1e-15, "step " + (k + 1));
        }
    }

    @Test
    void schedulingAnArgumentTheTransformLacksIsRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Optimizers.REGISTRY.parse(
                                        "scheduled(inner=sgd(lr=0.1), key=beta1, schedule=exponential(gamma=0.5))"));
        assertTrue(e.getMessage().contains("beta1"), e.getMessage());
    }
}
