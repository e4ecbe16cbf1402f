package io.kindling.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.kindling.data.BatchOrder;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Role;
import io.kindling.train.Experiment;
import io.kindling.train.PreparedRun;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a diagnosis does to the model it measures: nothing. */
class DiagnoserTest {

    private static PreparedRun prepare() {
        return new PreparedRun(
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=2, width=32, norm=batch, dropout=0.5)",
                                        "init",
                                        "kaiming_normal",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "batch",
                                        64,
                                        "steps",
                                        1,
                                        "threads",
                                        1))
                        .resolve());
    }

    private static List<float[]> buffers(PreparedRun run) {
        return run.model().parameters().stream()
                .filter(p -> p.context().role() == Role.BUFFER)
                .map(ModelParameter::array)
                .map(a -> a.toFloatArray())
                .toList();
    }

    private static NDList batch(PreparedRun run, NDManager scope) {
        BatchOrder order = new BatchOrder(run.trainData().size(), 64, 0, true);
        return run.trainData().batch(scope, order.epoch(0).get(0));
    }

    @Test
    void batchNormRunningStatisticsAreTheSameAfterADiagnosis() {
        try (PreparedRun run = prepare();
                NDManager scope = run.manager().newSubManager()) {
            List<float[]> before = buffers(run);
            NDList b = batch(run, scope);
            Diagnoser.measure(run.model(), run.task(), run.parameterStore(), b.get(0), b.get(1));
            List<float[]> after = buffers(run);
            assertEquals(4, before.size());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "buffer " + i);
            }
            // The same forward pass outside the diagnosis does move them, so the check can fail.
            try (var tape = run.engine().newGradientCollector()) {
                run.model().block().forward(run.parameterStore(), new NDList(b.get(0)), true);
            }
            assertFalse(Arrays.equals(before.get(0), buffers(run).get(0)));
        }
    }

    @Test
    void aDiagnosisNormalizesWithTheBatchsStatisticsAndWithoutDropout() {
        try (PreparedRun run = prepare();
                NDManager scope = run.manager().newSubManager()) {
            NDList b = batch(run, scope);
            Diagnoser.Measured first =
                    Diagnoser.measure(
                            run.model(), run.task(), run.parameterStore(), b.get(0), b.get(1));
            Diagnoser.Measured second =
                    Diagnoser.measure(
                            run.model(), run.task(), run.parameterStore(), b.get(0), b.get(1));
            // After batch norm on batch statistics with gain 1, each unit has std 1.
            assertEquals(1.0, first.layers().get(0).preStd(), 0.01);
            // Dropout is quiet, so two diagnoses of the same batch agree exactly.
            assertEquals(first.loss(), second.loss());
            assertEquals(first.layers().get(1).postStd(), second.layers().get(1).postStd());
        }
    }
}
