package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kindling.data.BatchOrder;
import io.kindling.nn.ModelParameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accumulating k micro-batches gives the same step as one k-times-larger batch. */
class GradientAccumulationTest {

    static List<float[]> train(int accumulate) {
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=2, width=32)",
                                        "optimizer",
                                        "sgd(lr=0.1, momentum=0.9)",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        1,
                                        "batch",
                                        64,
                                        "threads",
                                        1,
                                        "accumulate",
                                        accumulate))
                        .resolve();
        try (Trainer t = new Trainer(spec)) {
            BatchOrder order = new BatchOrder(t.prepared().trainData().size(), 64, 0, true);
            for (int[] rows : order.epoch(0).subList(0, 3)) {
                t.step(rows);
            }
            return t.model().parameters().stream()
                    .map(ModelParameter::array)
                    .map(a -> a.toFloatArray())
                    .toList();
        }
    }

    @Test
    void fourMicroBatchesEqualOneBatch() {
        List<float[]> whole = train(1);
        List<float[]> accumulated = train(4);
        for (int p = 0; p < whole.size(); p++) {
            for (int i = 0; i < whole.get(p).length; i++) {
                assertEquals(
                        whole.get(p)[i],
                        accumulated.get(p)[i],
                        2e-6,
                        "parameter " + p + " element " + i);
            }
        }
    }
}
