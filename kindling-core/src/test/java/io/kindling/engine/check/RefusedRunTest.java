package io.kindling.engine.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kindling.compare.Comparison;
import io.kindling.compare.Variant;
import io.kindling.train.CrossValidation;
import io.kindling.train.Experiment;
import io.kindling.train.TrainRun;
import io.kindling.train.TrainSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run started through the normal entry points on an engine that fails the self-check stops before
 * it writes anything: no run folder for train, cross-validation or compare, and a resumed run's
 * folder is left as it was (its metrics are not cut back to the checkpoint).
 */
class RefusedRunTest {

    @TempDir Path tmp;

    @AfterEach
    void restore() {
        EngineGate.useGoldenSet(null);
    }

    static TrainSpec spec(Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("model", "mlp(depth=1, width=16)");
        values.put("init", "kaiming_normal");
        values.put("optimizer", "sgd(lr=0.05)");
        values.put("data", "fashion-mnist(source=subset)");
        values.put("steps", 6);
        values.put("batch", 32);
        values.put("log_every", 2);
        values.put("threads", 1);
        values.putAll(extra);
        return new Experiment(values).resolve();
    }

    private static void refuseFromNowOn() {
        EngineGate.useGoldenSet(EngineCheckTest.wrongLstmInference());
    }

    @Test
    void trainWritesNoRunFolder() {
        refuseFromNowOn();
        Path run = tmp.resolve("run");
        assertThrows(
                EngineMismatchException.class,
                () -> TrainRun.execute(spec(Map.of()), run, List.of()));
        assertFalse(Files.exists(run), "a refused run left " + run);
    }

    @Test
    void crossValidationWritesNoFolder() {
        refuseFromNowOn();
        Path out = tmp.resolve("cv");
        assertThrows(
                EngineMismatchException.class,
                () -> CrossValidation.run(spec(Map.of()), 2, out, List.of(), List.of()));
        assertFalse(Files.exists(out), "a refused cross-validation left " + out);
    }

    @Test
    void compareStopsAtItsPreflightWithTheEnginesMessage() {
        refuseFromNowOn();
        Path out = tmp.resolve("compare");
        PrintStream quiet =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(
                EngineMismatchException.class,
                () -> Comparison.run(List.of(new Variant("a", spec(Map.of()))), 1, out, quiet));
        assertFalse(Files.exists(out), "a refused comparison left " + out);
    }

    @Test
    void resumeLeavesTheFolderAsItWas() throws Exception {
        Path run = tmp.resolve("resumable");
        TrainRun.execute(spec(Map.of("checkpoint_every", 2)), run, List.of());
        Path metrics = run.resolve("metrics.jsonl");
        // the newest checkpoint is at step 6: drop it, so resuming would cut metrics back to 4
        try (var checkpoints = Files.list(run.resolve("checkpoints"))) {
            for (Path c :
                    checkpoints.filter(p -> p.getFileName().toString().endsWith("6")).toList()) {
                try (var files = Files.walk(c)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        byte[] before = Files.readAllBytes(metrics);
        refuseFromNowOn();
        assertThrows(
                EngineMismatchException.class,
                () -> TrainRun.resume(run, List.of(), List.of(), System.out));
        assertArrayEquals(before, Files.readAllBytes(metrics), "metrics.jsonl was cut back");
    }
}
