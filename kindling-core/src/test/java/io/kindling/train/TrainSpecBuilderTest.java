package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kindling.config.ConfigException;
import io.kindling.data.Augmentations;
import io.kindling.data.Datasets;
import io.kindling.engine.Compute.Threads;
import io.kindling.nn.Models;
import io.kindling.optim.Optimizers;
import io.kindling.schedule.Schedules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainSpec.Builder}: every part set by name, a missing required part refused with a message
 * that names it, the optional parts "off", a spec made by hand read back by {@link Experiment} from
 * its {@link TrainSpec#describe()}, and several faults reported in the order they always were.
 */
class TrainSpecBuilderTest {

    /** Every required part, nothing optional. */
    static TrainSpec.Builder required() {
        return TrainSpec.builder()
                .model(Models.REGISTRY.parse("mlp(depth=1, width=8)"))
                .init(InitSpec.parse("xavier_normal"))
                .optimizer(Optimizers.REGISTRY.parse("sgd(lr=0.1)"))
                .data(Datasets.REGISTRY.parse("fashion-mnist(source=subset)"))
                .budget(Budget.epochs(2))
                .batchSize(64)
                .seed(5)
                .threads(new Threads(2, 1))
                .logEvery(10)
                .nanPolicy(NanPolicy.STOP)
                .histogramEvery(0);
    }

    /** Every part, each unlike its default. */
    static TrainSpec.Builder everything() {
        return required()
                .budget(Budget.steps(20))
                .batchSize(32)
                .seed(7)
                .logEvery(3)
                .schedule(Schedules.REGISTRY.parse("warmup_cosine(warmup_steps=2, total_steps=20)"))
                .plateau(Callbacks.PLATEAU.parse("reduce_on_plateau(factor=0.5)"))
                .accumulate(4)
                .labelSmoothing(0.1)
                .nanPolicy(NanPolicy.ROLLBACK)
                .standardize(true)
                .augment(Augmentations.REGISTRY.parse("augment(pad=2, flip=0.5)"))
                .validation(0.2)
                .earlyStopping(Callbacks.EARLY_STOPPING.parse("early_stopping(patience=2)"))
                .monitorTest(true)
                .histogramEvery(5)
                .checkpointing(new Checkpointing(10, 2, true))
                .timeLimit(Duration.ofMinutes(90));
    }

    @Test
    void aMissingRequiredPartIsNamed() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> required().model(null).build());
        assertEquals(
                "TrainSpec.Builder: no model set; a spec needs model, init, optimizer, data,"
                        + " budget, batchSize, seed, threads, logEvery, nanPolicy, histogramEvery",
                e.getMessage());
    }

    @Test
    void everyMissingRequiredPartIsNamedAtOnce() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> TrainSpec.builder().build());
        assertEquals(
                "TrainSpec.Builder: no "
                        + String.join(", ", TrainSpec.Builder.REQUIRED)
                        + " set; a spec needs "
                        + String.join(", ", TrainSpec.Builder.REQUIRED),
                e.getMessage());
        IllegalStateException two =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                TrainSpec.builder()
                                        .model(Models.REGISTRY.parse("mlp(depth=1, width=8)"))
                                        .init(InitSpec.parse("xavier_normal"))
                                        .optimizer(Optimizers.REGISTRY.parse("sgd(lr=0.1)"))
                                        .data(Datasets.REGISTRY.parse("fashion-mnist"))
                                        .budget(Budget.epochs(1))
                                        .seed(0)
                                        .threads(new Threads(1, 1))
                                        .logEvery(1)
                                        .nanPolicy(NanPolicy.STOP)
                                        .build());
        assertEquals(
                "TrainSpec.Builder: no batchSize, histogramEvery set; a spec needs "
                        + String.join(", ", TrainSpec.Builder.REQUIRED),
                two.getMessage());
    }

    @Test
    void optionalPartsDefaultToOff() {
        TrainSpec spec = required().build();
        assertNull(spec.optimization().schedule());
        assertNull(spec.optimization().plateau());
        assertEquals(1, spec.optimization().accumulate());
        assertEquals(0.0, spec.optimization().labelSmoothing());
        assertEquals(new TrainSpec.Input(spec.input().data(), false, null, 0, false), spec.input());
        assertEquals(new TrainSpec.Monitoring(10, null, false, 0, 0), spec.monitoring());
        assertEquals(new TrainSpec.Persistence(Checkpointing.OFF, null), spec.persistence());
    }

    /** What {@code config.yaml} holds for a spec made by hand is that spec again. */
    @Test
    void describeReadsBackThroughExperiment() {
        for (TrainSpec spec : new TrainSpec[] {required().build(), everything().build()}) {
            Map<String, Object> described = spec.describe();
            assertEquals(spec, new Experiment(described).resolve(), described.toString());
            assertEquals(spec, spec.toBuilder().build(), "toBuilder copies every part");
        }
    }

    @Test
    void aCopyChangesOnlyWhatItNames() {
        TrainSpec spec = everything().build();
        TrainSpec copy = spec.toBuilder().batchSize(64).histogramEvery(7).build();
        Map<String, Object> expected = new LinkedHashMap<>(spec.describe());
        expected.put("batch", 64);
        expected.put("histogram_every", 7);
        assertEquals(expected, copy.describe());
    }

    @Test
    void aCopyIsCheckedLikeAnySpec() {
        TrainSpec spec = everything().build();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> spec.toBuilder().batchSize(2).build());
        assertEquals("accumulate must be in [1, batch]; got 4 for batch 2", e.getMessage());
        ConfigException rollback =
                assertThrows(
                        ConfigException.class,
                        () -> spec.toBuilder().checkpointing(Checkpointing.OFF).build());
        assertEquals(
                "nan_policy 'rollback' reloads the newest checkpoint, so it needs"
                        + " checkpoint_every > 0 and keep_last > 0",
                rollback.getMessage());
    }

    /** With several faults, the one the spec always reported first is still reported. */
    @Test
    void severalFaultsReportTheSameOneFirst() {
        assertEquals(
                "validation must be in [0, 1); got 1.5",
                error(
                        Map.of(
                                "validation",
                                1.5,
                                "label_smoothing",
                                1.5,
                                "batch",
                                2,
                                "accumulate",
                                4)));
        assertEquals(
                "accumulate must be in [1, batch]; got 4 for batch 2",
                error(Map.of("label_smoothing", 1.5, "batch", 2, "accumulate", 4)));
        assertEquals(
                "label_smoothing must be in [0, 1); got 1.5",
                error(
                        Map.of(
                                "label_smoothing",
                                1.5,
                                "nan_policy",
                                "rollback",
                                "histogram_every",
                                0)));
        String monitor =
                error(
                        Map.of(
                                "early_stopping",
                                "early_stopping(monitor=test_loss)",
                                "label_smoothing",
                                1.5,
                                "batch",
                                2,
                                "accumulate",
                                4));
        assertEquals(
                "early_stopping monitor 'test_loss' would choose on the test split",
                monitor.substring(0, monitor.indexOf(" and make")),
                monitor);
    }

    private static String error(Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put("data", "fashion-mnist(source=subset)");
        RuntimeException e =
                assertThrows(
                        RuntimeException.class, () -> new Experiment(m).resolve(), m.toString());
        return e.getMessage();
    }
}
