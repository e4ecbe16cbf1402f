package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.checkpoint.CheckpointStore;
import io.kindling.config.ConfigException;
import io.kindling.nn.ModelParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callback hooks, clean stops, time limits and NaN rollback. */
class CallbackTest {

    @TempDir Path tmp;

    static TrainSpec spec(Map<String, Object> extra) {
        Map<String, Object> m =
                new HashMap<>(
                        Map.of(
                                "model",
                                "mlp(depth=2, width=16)",
                                "optimizer",
                                "sgd(lr=0.05, momentum=0.9)",
                                "data",
                                "fashion-mnist(source=subset)",
                                "batch",
                                512,
                                "threads",
                                1,
                                "log_every",
                                2));
        m.putAll(extra);
        if (!m.containsKey("epochs")) {
            m.putIfAbsent("steps", 14);
        }
        return new Experiment(m).resolve();
    }

    @Test
    void hooksSeeTheStepInOrderAndGradientsBeforeTheUpdate() {
        List<String> calls = new ArrayList<>();
        float[][] before = new float[1][];
        Callback c =
                new Callback() {
                    @Override
                    public void onTrainStart(TrainState s) {
                        calls.add("start");
                    }

                    @Override
                    public void onStepStart(TrainState s) {
                        before[0] = first(s).toFloatArray();
                    }

                    @Override
                    public void afterBackward(TrainState s, List<NDArray> gradients) {
                        assertEquals(s.model().trainable().size(), gradients.size());
                        assertTrue(
                                gradients.get(0).abs().sum().getFloat() > 0, "gradients are there");
                        assertEquals(
                                Arrays.toString(before[0]),
                                Arrays.toString(first(s).toFloatArray()),
                                "the update is not applied yet");
                        calls.add("backward");
                    }

                    @Override
                    public void onStepEnd(TrainState s, double loss) {
                        calls.add("end" + s.step());
                        if (s.step() == 5) {
                            s.requestStop("enough");
                        }
                    }

                    @Override
                    public void onEvaluation(TrainState s, Map<String, Object> metrics) {
                        calls.add("eval:" + metrics.containsKey("test_accuracy"));
                    }

                    @Override
                    public void onTrainEnd(TrainState s, TrainResult r) {
                        calls.add("done:" + r.stopReason());
                    }
                };
        TrainResult r =
                TrainRun.execute(spec(Map.of()), tmp.resolve("hooks"), List.of(), List.of(c));
        assertEquals(5, r.steps());
        assertEquals("enough", r.stopReason());
        assertEquals(
                List.of(
                        "start",
                        "backward",
                        "end1",
                        "backward",
                        "end2",
                        "backward",
                        "end3",
                        "backward",
                        "end4",
                        "backward",
                        "end5",
                        "eval:true",
                        "done:enough"),
                calls,
                "a stop by a callback evaluates once and ends without an exception");
    }

    static NDArray first(TrainState s) {
        ModelParameter p = s.model().trainable().get(0);
        return p.array();
    }

    @Test
    void aTimeLimitStopsCleanlyEvaluatesAndCheckpoints() throws Exception {
        TrainSpec spec = spec(Map.of("epochs", 1000, "keep_last", 1));
        Path out = tmp.resolve("timed");
        TrainResult r =
                TrainRun.execute(
                        spec, out, List.of(), List.of(new TimeLimit(Duration.ofMillis(300))));
        assertEquals("time_limit", r.stopReason());
        assertTrue(r.steps() > 0 && r.steps() < 1000L * 11, "stopped early: " + r.steps());
        assertTrue(r.test() != null, "a time-limited run still evaluates");
        String name = CheckpointStore.stepName(r.steps());
        assertTrue(Files.isDirectory(out.resolve("checkpoints").resolve(name)), name);
        var provenance = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("time_limit", provenance.get("stop_reason").asText());
    }

    @Test
    void timeLimitTextIsParsedOrRefusedNamingTheValue() {
        assertEquals(Duration.ofSeconds(90), TimeLimit.parse("90"));
        assertEquals(Duration.ofSeconds(90), TimeLimit.parse("90s"));
        assertEquals(Duration.ofMinutes(15), TimeLimit.parse("15m"));
        assertEquals(Duration.ofMinutes(90), TimeLimit.parse("1h30m"));
        var e = assertThrows(ConfigException.class, () -> TimeLimit.parse("soon"));
        assertTrue(e.getMessage().contains("'soon'") && e.getMessage().contains("15m"));
        assertThrows(ConfigException.class, () -> TimeLimit.parse("0s"));
    }

    @Test
    void rollbackReloadsTheNewestCheckpointWithHalfTheLearningRate() throws Exception {
        TrainSpec spec =
                spec(Map.of("nan_policy", "rollback", "checkpoint_every", 3, "keep_last", 2));
        boolean[] poisoned = {false};
        Callback poison =
                new Callback() {
                    @Override
                    public void onStepEnd(TrainState s, double loss) {
                        if (s.step() == 7 && !poisoned[0]) {
                            poisoned[0] = true;
                            NDArray w = first(s);
                            w.muli(Float.NaN);
                        }
                    }
                };
        Path out = tmp.resolve("rollback");
        TrainResult r = TrainRun.execute(spec, out, List.of(), List.of(poison));
        assertEquals(14, r.steps());
        assertEquals(null, r.stopReason());
        assertTrue(Double.isFinite(r.finalTrainLoss()) && r.test() != null);
        var json = new ObjectMapper();
        var rollbacks =
                Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                        .map(
                                l -> {
                                    try {
                                        return json.readTree(l);
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                })
                        .filter(n -> n.has("rolled_back_to_step"))
                        .toList();
        assertEquals(1, rollbacks.size());
        assertEquals(8, rollbacks.get(0).get("step").asLong(), "the NaN came at step 8");
        assertEquals(6, rollbacks.get(0).get("rolled_back_to_step").asLong());
        assertEquals(0.5, rollbacks.get(0).get("lr_factor").asDouble());
        assertTrue(rollbacks.get(0).get("non_finite_first").asText().contains("layer1.weight"));
    }

    @Test
    void rollbackWithoutCheckpointsIsRefusedUpFront() {
        var e = assertThrows(ConfigException.class, () -> spec(Map.of("nan_policy", "rollback")));
        assertTrue(e.getMessage().contains("checkpoint_every"), e.getMessage());
        var bad = assertThrows(ConfigException.class, () -> spec(Map.of("nan_policy", "retry")));
        assertTrue(bad.getMessage().contains("stop, skip_step, rollback"), bad.getMessage());
    }

    @Test
    void validationMonitorsNeedAValidationSplit() {
        // Without a validation option one is held out automatically; validation=0 refuses.
        var e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                spec(
                                        Map.of(
                                                "early_stopping",
                                                "early_stopping(monitor=val_loss)",
                                                "validation",
                                                0)));
        assertTrue(e.getMessage().contains("val_loss"), e.getMessage());
        TrainSpec auto = spec(Map.of("early_stopping", "early_stopping(monitor=val_loss)"));
        assertTrue(
                auto.input().validationAuto() && auto.input().validation() == 0.1,
                "automatic split of " + auto.input().validation());
        TrainSpec ok =
                spec(
                        Map.of(
                                "early_stopping",
                                "early_stopping(monitor=val_loss)",
                                "validation",
                                0.2));
        assertEquals("val_loss", ok.bestMonitor().metric());
    }
}
