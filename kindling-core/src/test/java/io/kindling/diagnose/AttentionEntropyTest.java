package io.kindling.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.engine.Compute;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.Models;
import io.kindling.task.StepClassification;
import org.junit.jupiter.api.Test;

/**
 * Diagnosis reports each attention's entropy: uniform over the visible positions under GPT-2's
 * small init (scores ≈ 0), far below it when large weights make the scores large.
 */
class AttentionEntropyTest {

    private static AttentionStats first(String init) {
        Compute.start(Compute.Threads.defaults());
        Model m =
                Models.REGISTRY
                        .parse("gpt(layers=1, width=32, heads=4, context=16)")
                        .build(InputShape.tokens(16, 20), 20);
        try (NDManager manager = NDManager.newBaseManager()) {
            Compute.seed(5);
            InitPlan.forWeights(Initializers.REGISTRY.parse(init)).apply(m, manager);
            NDArray x =
                    manager.randomInteger(
                                    0, 20, new Shape(8, 16), ai.djl.ndarray.types.DataType.INT64)
                            .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray y =
                    manager.randomInteger(
                            0, 20, new Shape(8, 16), ai.djl.ndarray.types.DataType.INT64);
            var measured =
                    Diagnoser.measure(
                            m, new StepClassification(0), new ParameterStore(manager, false), x, y);
            assertEquals(1, measured.attention().size());
            return measured.attention().get(0);
        }
    }

    @Test
    void smallInitAttendsUniformlyAndLargeInitCollapses() {
        AttentionStats small = first("normal(std=0.02)");
        double uniform = 0;
        for (int t = 1; t <= 16; t++) {
            uniform += Math.log(t);
        }
        assertEquals(uniform / 16, small.uniform(), 1e-12);
        assertTrue(small.ratio() > 0.99, "small init ratio " + small.ratio());
        AttentionStats large = first("normal(std=0.5)");
        assertTrue(large.ratio() < 0.5, "large init ratio " + large.ratio());
    }
}
