package io.kindling.train;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume, in process: a run stopped part-way (or rolled back to an older checkpoint,
 * or with its newest checkpoint corrupted) and resumed ends with the same parameter bytes,
 * optimizer bytes and metrics records as the run never interrupted. The spec exercises every piece
 * of state: dropout and augmentation noise (engine generator), flips (augmentation seed), Adam's
 * moments and count, a schedule, reduce-on-plateau and early stopping with restore_best, a partial
 * last epoch.
 */
class ResumeTest {

    @TempDir static Path tmp;
    static Path reference;

    static TrainSpec spec() {
        return new Experiment(
                        Map.ofEntries(
                                Map.entry("model", "mlp(depth=2, width=32, dropout=0.2)"),
                                Map.entry("optimizer", "adam(lr=0.003)"),
                                Map.entry("schedule", "cosine(t_max=60)"),
                                Map.entry(
                                        "on_plateau",
                                        "reduce_on_plateau(monitor=val_loss, patience=0, factor=0.5)"),
                                Map.entry(
                                        "early_stopping",
                                        "early_stopping(monitor=val_accuracy, mode=max, patience=5, restore_best=true)"),
                                Map.entry("augment", "augment(pad=1, flip=0.5, noise=0.02)"),
                                Map.entry("data", "fashion-mnist(source=subset)"),
                                Map.entry("validation", 0.1),
                                Map.entry("steps", 50),
                                Map.entry("batch", 256),
                                Map.entry("seed", 7),
                                Map.entry("threads", 1),
                                Map.entry("log_every", 5),
                                Map.entry("checkpoint_every", 10),
                                Map.entry("keep_last", 2),
                                Map.entry("keep_best", true)))
                .resolve();
    }

    @BeforeAll
    static void uninterrupted() {
        reference = tmp.resolve("reference");
        TrainRun.execute(spec(), reference, List.of());
    }

    @Test
    void aRunStoppedPartWayAndResumedEqualsTheUninterruptedRun() throws Exception {
        Path run = tmp.resolve("stopped");
        Callback stopAt27 =
                new Callback() {
                    @Override
                    public void onStepEnd(TrainState s, double loss) {
                        if (s.step() == 27) {
                            s.requestStop(StopSignal.REASON);
                        }
                    }
                };
        TrainResult first = TrainRun.execute(spec(), run, List.of(), List.of(stopAt27));
        assertEquals(27, first.steps());
        assertEquals(StopSignal.REASON, first.stopReason());
        assertTrue(
                Files.isDirectory(run.resolve("checkpoints/step-000000027")),
                "a stop writes a final checkpoint at its step");
        // A kill in the middle of a metrics write leaves a torn line; resume must drop it.
        Files.writeString(
                run.resolve("metrics.jsonl"),
                "{\"step\": 28, \"train_lo",
                StandardOpenOption.APPEND);
        resume(run);
        assertSameRun(reference, run);
    }

    @Test
    void resumingFromAnOlderCheckpointDropsLaterRecordsAndEndsTheSame() throws Exception {
        Path run = copy(reference, tmp.resolve("older"));
        deleteTree(run.resolve("checkpoints/step-000000050"));
        resume(run);
        assertSameRun(reference, run);
    }

    @Test
    void aCorruptNewestCheckpointIsSkippedAndReported() throws Exception {
        Path run = copy(reference, tmp.resolve("corrupt"));
        Path model = run.resolve("checkpoints/step-000000050/model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(model, bytes);
        String log = resume(run);
        assertTrue(log.contains("step-000000050") && log.contains("SHA-256"), log);
        assertTrue(log.contains("resuming") && log.contains("step-000000040"), log);
        assertSameRun(reference, run);
    }

    @Test
    void aCheckpointWhoseManifestLacksAnEntryIsSkipped() throws Exception {
        Path run = copy(reference, tmp.resolve("unlisted"));
        Path manifest = run.resolve("checkpoints/step-000000050/manifest.json");
        ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
        ((ObjectNode) m.get("files")).remove("optimizer.safetensors");
        Files.writeString(manifest, m.toString());
        String log = resume(run);
        assertTrue(
                log.contains("step-000000050")
                        && log.contains("no entry for" + " optimizer.safetensors"),
                log);
        assertTrue(log.contains("from step-000000040"), log);
        assertSameRun(reference, run);
    }

    @Test
    void aFinishedRunHasNothingToResume() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var result =
                TrainRun.resume(reference, List.of(), List.of(), new PrintStream(out, true, UTF_8));
        assertTrue(result.isEmpty());
        assertTrue(out.toString(UTF_8).contains("already finished"), out.toString(UTF_8));
    }

    @Test
    void theBestCheckpointHoldsTheBestEvaluation() throws Exception {
        double best = Double.NEGATIVE_INFINITY;
        for (String line : Files.readAllLines(reference.resolve("metrics.jsonl"))) {
            var n = new ObjectMapper().readTree(line);
            if (n.has("val_accuracy") && !n.has("restored_best_epoch")) {
                best = Math.max(best, n.get("val_accuracy").asDouble());
            }
        }
        SavedRun saved = SavedRun.open(reference, "best");
        double got = saved.evaluate().evaluations().get(0).accuracy();
        assertEquals(best, got, 1e-12, "best checkpoint re-evaluates to the best val_accuracy");
    }

    static String resume(Path run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var result = TrainRun.resume(run, List.of(), List.of(), new PrintStream(out, true, UTF_8));
        assertFalse(result.isEmpty(), out.toString(UTF_8));
        return out.toString(UTF_8);
    }

    /** Same final parameters and optimizer bytes, same records (timings aside). */
    static void assertSameRun(Path expected, Path actual) throws Exception {
        for (String file : List.of("model.safetensors", "optimizer.safetensors")) {
            assertArrayEquals(
                    Files.readAllBytes(expected.resolve("checkpoints/step-000000050/" + file)),
                    Files.readAllBytes(actual.resolve("checkpoints/step-000000050/" + file)),
                    file + " differs");
        }
        assertEquals(records(expected), records(actual));
    }

    static List<String> records(Path run) throws Exception {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            n.remove("train_samples_per_second");
            out.add(n.toString());
        }
        return out;
    }

    static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
