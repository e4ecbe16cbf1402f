package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train_lr} is the learning rate the optimizer's update really used, read from its state: on
 * plain SGD ({@code p ← p − lr·g}) it equals {@code −Δp/g} measured on the parameters, through
 * warm-up, reduce-on-plateau, a NaN rollback and a skipped step.
 */
class TrainLearningRateTest {

    @TempDir Path tmp;

    /** {@link CallbackTest#spec}'s run, on plain SGD (so lr = −Δp/g), logging every step. */
    static TrainSpec spec(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(extra);
        m.put("optimizer", "sgd(lr=0.2)");
        m.put("batch", 256);
        m.put("log_every", 1);
        return CallbackTest.spec(m);
    }

    /** The lr of each update, {@code −Δp/g} at the first parameter's largest gradient. */
    static final class UpdateSize implements Callback {

        final Map<Long, Double> lrByStep = new TreeMap<>();
        private double[] before;
        private double[] gradient;

        @Override
        public void afterBackward(TrainState s, List<NDArray> gradients) {
            before = values(s.model().trainable().get(0).array());
            gradient = values(gradients.get(0));
        }

        @Override
        public void onStepEnd(TrainState s, double loss) {
            if (before == null) {
                return; // a skipped step: no update
            }
            double[] after = values(s.model().trainable().get(0).array());
            int k = 0;
            for (int i = 1; i < gradient.length; i++) {
                if (Math.abs(gradient[i]) > Math.abs(gradient[k])) {
                    k = i;
                }
            }
            lrByStep.put(s.step(), (before[k] - after[k]) / gradient[k]);
            before = null;
        }

        static double[] values(NDArray a) {
            try (NDArray copy = a.toType(DataType.FLOAT64, true)) {
                return copy.toDoubleArray();
            }
        }
    }

    /**
     * Makes the loss of step {@code at} non-finite once (NaN weights); with {@code putBack} the
     * weights are put back after it (for skip_step; a rollback restores them itself).
     */
    static final class OneBadStep implements Callback {

        private final long at;
        private final boolean putBack;
        private NDArray saved;

        OneBadStep(long at, boolean putBack) {
            this.at = at;
            this.putBack = putBack;
        }

        @Override
        public void onStepStart(TrainState s) {
            if (s.step() == at - 1 && saved == null) {
                NDArray w = s.model().trainable().get(0).array();
                saved = w.duplicate();
                w.muli(Float.NaN);
            }
        }

        @Override
        public void onNonFiniteLoss(TrainState s, Map<String, Object> record) {
            if (putBack) {
                Compute.copy(saved, s.model().trainable().get(0).array());
            }
        }
    }

    static List<JsonNode> records(Path run) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }

    /** The last {@code train_lr} logged at each step (a rollback logs some steps again). */
    static Map<Long, Double> trainLr(List<JsonNode> records) {
        Map<Long, Double> lr = new TreeMap<>();
        for (JsonNode n : records) {
            if (n.has("train_lr")) {
                lr.put(n.get("step").asLong(), n.get("train_lr").asDouble());
            }
        }
        return lr;
    }

    /**
     * Trains {@code spec} with one bad step, checks that every update's {@code train_lr} is the lr
     * it used, and returns the records and how many updates were measured.
     */
    List<JsonNode> trainAndCompare(String name, TrainSpec spec, OneBadStep bad, int updates)
            throws Exception {
        UpdateSize size = new UpdateSize();
        Path out = tmp.resolve(name);
        TrainRun.execute(spec, out, List.of(), List.of(bad, size));
        List<JsonNode> records = records(out);
        Map<Long, Double> logged = trainLr(records);
        assertEquals(updates, size.lrByStep.size(), "updates measured");
        size.lrByStep.forEach(
                (step, lr) ->
                        assertEquals(
                                lr,
                                logged.get(step),
                                1e-4 * lr,
                                "train_lr of step " + step + " (logged " + logged + ")"));
        return records;
    }

    @Test
    void afterASkippedStepTheLoggedLrIsTheOneTheUpdatesUse() throws Exception {
        // The schedule counts updates; a skipped step makes none, so from then on the updates
        // run one schedule step behind the trainer's step count.
        List<JsonNode> records =
                trainAndCompare(
                        "skip",
                        spec(
                                Map.of(
                                        "schedule",
                                        "linear(start_factor=1, end_factor=0.2, total_iters=20)",
                                        "nan_policy",
                                        "skip_step")),
                        new OneBadStep(5, true),
                        13);
        assertEquals(1, records.stream().filter(n -> n.has("non_finite_loss")).count());
        // Step 6 made the 5th update, with the schedule's lr of update index 4.
        assertEquals(0.2 * (1 - 0.8 * 4 / 20), trainLr(records).get(6L), 1e-12);
    }

    @Test
    void warmupPlateauAndRollbackAllShowInTheLoggedLr() throws Exception {
        List<JsonNode> records =
                trainAndCompare(
                        "rules",
                        spec(
                                Map.of(
                                        "schedule",
                                        "warmup_cosine(warmup_steps=4, total_steps=48)",
                                        "on_plateau",
                                        "reduce_on_plateau(monitor=val_loss, patience=0,"
                                                + " factor=0.8, threshold=0.9)",
                                        "validation",
                                        0.9,
                                        "nan_policy",
                                        "rollback",
                                        "checkpoint_every",
                                        3,
                                        "keep_last",
                                        2,
                                        "steps",
                                        24)),
                        new OneBadStep(11, false),
                        24);
        assertEquals(1, records.stream().filter(n -> n.has("rolled_back_to_step")).count());
        assertTrue(
                records.stream()
                        .anyMatch(n -> n.has("plateau_lr") && n.get("plateau_lr").asDouble() < 0.2),
                "reduce-on-plateau lowered the lr at least once");
        // Warm-up: update 0 runs at lr/4.
        assertEquals(0.2 / 4, trainLr(records).get(1L), 1e-12);
    }
}
