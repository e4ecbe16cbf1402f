package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.kindling.data.BatchOrder;
import io.kindling.nn.LayerOutputs;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Role;
import io.kindling.train.Experiment;
import io.kindling.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mishkin &amp; Matas 2016: LSUV rescues a hopeless {@code normal(std=0.01)} deep ReLU net. */
class LsuvTest {

    static List<Double> layerVariances(String init) {
        var spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=30, width=128, activation=relu)",
                                        "init",
                                        init,
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        1,
                                        "batch",
                                        256,
                                        "threads",
                                        1))
                        .resolve();
        try (Trainer t = new Trainer(spec);
                NDManager scope = t.manager().newSubManager()) {
            BatchOrder pick =
                    new BatchOrder(
                            t.prepared().trainData().size(), 256, ~spec.execution().seed(), true);
            NDArray x = t.prepared().trainData().batch(scope, pick.epoch(0).get(0)).get(0);
            ParameterStore store = new ParameterStore(scope, false);
            List<Double> variances = new ArrayList<>();
            for (ModelParameter p : t.model().parameters()) {
                if (p.context().role() == Role.WEIGHT) {
                    NDArray out = LayerOutputs.of(t.model(), store, x, p);
                    NDArray d = out.toType(DataType.FLOAT64, false);
                    variances.add(d.sub(d.mean()).square().mean().getDouble());
                }
            }
            return variances;
        }
    }

    @Test
    void bringsEveryLayerOfA30LayerReluNetToUnitVariance() {
        List<Double> v = layerVariances("lsuv(base=normal(std=0.01), tol=0.1, max_iter=10)");
        assertEquals(31, v.size());
        for (int i = 0; i < v.size(); i++) {
            assertEquals(1.0, v.get(i), 0.1, "layer " + (i + 1) + " output variance; all: " + v);
        }
    }

    @Test
    void withoutLsuvTheSameInitVanishes() {
        List<Double> v = layerVariances("normal(std=0.01)");
        assertTrue(v.get(29) < 1e-30, "layer 30 variance " + v.get(29));
    }

    @Test
    void printsBackToAnEqualExpression() {
        Initializer lsuv = Initializers.REGISTRY.parse("lsuv(base=normal(std=0.01), tol=0.05)");
        assertEquals(lsuv, Initializers.REGISTRY.parse(lsuv.print()));
    }
}
