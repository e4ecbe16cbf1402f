package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.data.TensorDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model selection on validation data: monitors default to val_loss, a monitored run without a
 * validation split holds out a stratified, seeded 10% and records it, test_* monitors need
 * monitor_test, and a run that monitors nothing is the run it always was.
 */
class ModelSelectionTest {

    @TempDir Path tmp;

    static final ObjectMapper JSON = new ObjectMapper();

    static TrainSpec spec(Map<String, Object> extra) {
        Map<String, Object> m =
                new HashMap<>(
                        Map.of(
                                "model",
                                "mlp(depth=1, width=16)",
                                "optimizer",
                                "sgd(lr=0.05, momentum=0.9)",
                                "data",
                                "fashion-mnist(source=subset)",
                                "batch",
                                256,
                                "threads",
                                1,
                                "log_every",
                                5));
        m.putAll(extra);
        if (!m.containsKey("steps")) {
            m.put("epochs", 2);
        }
        return new Experiment(m).resolve();
    }

    @Test
    void monitorsDefaultToValLoss() {
        assertEquals("val_loss", Callbacks.EARLY_STOPPING.parse("early_stopping()").monitor());
        assertEquals("val_loss", Callbacks.PLATEAU.parse("reduce_on_plateau()").monitor());
        TrainSpec best = spec(Map.of("keep_best", true));
        assertEquals(
                new ModelSelection.Monitored("val_loss", MonitorMode.MIN),
                best.bestMonitor(),
                "the best checkpoint follows " + best.bestMonitor());
    }

    @Test
    void aMonitorNoEvaluationLogsIsRefusedListingEachMetricOnce() {
        String message =
                assertThrows(
                                ConfigException.class,
                                () ->
                                        spec(
                                                Map.of(
                                                        "on_plateau",
                                                        "reduce_on_plateau(monitor=train_loss)")))
                        .getMessage();
        assertTrue(message.contains("'train_loss' is not evaluated each epoch"), message);
        String accepted =
                message.substring(message.indexOf("accepted: "), message.indexOf(" (and"));
        assertEquals(
                1,
                accepted.split("val_loss", -1).length - 1,
                "val_loss listed once (classification's and regression's lists share it): "
                        + accepted);
    }

    @Test
    void theAutomaticHoldOutHappensOnlyWhenSomethingMonitorsAValidationMetric() {
        Map<String, Map<String, Object>> monitored =
                Map.of(
                        "early_stopping", Map.of("early_stopping", "early_stopping()"),
                        "on_plateau",
                                Map.of(
                                        "on_plateau",
                                        "reduce_on_plateau(monitor=val_accuracy," + " mode=max)"),
                        "keep_best", Map.of("keep_best", true));
        monitored.forEach(
                (key, extra) -> {
                    TrainSpec s = spec(extra);
                    assertEquals(
                            0.1,
                            s.input().validation(),
                            key + " holds out " + s.input().validation());
                    assertTrue(s.input().validationAuto(), key + ": the split is marked automatic");
                });
        TrainSpec none = spec(Map.of());
        assertEquals(
                0, none.input().validation(), "no monitor holds out " + none.input().validation());
        assertFalse(none.input().validationAuto());
        assertFalse(
                none.describe().containsKey("validation"),
                "config.yaml of a run without" + " monitors is unchanged: " + none.describe());
        TrainSpec given = spec(Map.of("early_stopping", "early_stopping()", "validation", 0.25));
        assertEquals(0.25, given.input().validation(), "validation overrides the default");
        assertFalse(given.input().validationAuto(), "a given validation is not automatic");
        TrainSpec testOnly =
                spec(
                        Map.of(
                                "early_stopping",
                                "early_stopping(monitor=test_loss)",
                                "monitor_test",
                                true));
        assertEquals(
                0,
                testOnly.input().validation(),
                "a test monitor (opted in) needs no hold-out, got "
                        + testOnly.input().validation());
    }

    @Test
    void aTestMonitorWithoutTheOptInIsRefusedNamingTheValueAndTheFix() {
        for (Map<String, Object> extra :
                List.<Map<String, Object>>of(
                        Map.of("early_stopping", "early_stopping(monitor=test_loss)"),
                        Map.of(
                                "on_plateau",
                                "reduce_on_plateau(monitor=test_accuracy, mode=max)"))) {
            var e = assertThrows(ConfigException.class, () -> spec(extra));
            String m = e.getMessage();
            assertTrue(
                    m.contains("'test_")
                            && m.contains("val_loss")
                            && m.contains("--monitor-test")
                            && m.contains("optimistic"),
                    m);
            assertEquals(1, m.lines().count(), "one line: " + m);
        }
        var off =
                assertThrows(
                        ConfigException.class,
                        () ->
                                spec(
                                        Map.of(
                                                "early_stopping",
                                                "early_stopping(monitor=val_accuracy, mode=max)",
                                                "validation",
                                                0)));
        assertTrue(
                off.getMessage().contains("'val_accuracy'")
                        && off.getMessage().contains("validation=0"),
                off.getMessage());
        var best =
                assertThrows(
                        ConfigException.class,
                        () -> spec(Map.of("keep_best", true, "validation", 0)));
        assertTrue(
                best.getMessage().contains("keep_best")
                        && best.getMessage().contains("monitor_test"),
                best.getMessage());
    }

    @Test
    void theAutomaticSplitIsStratifiedSeededAndRecorded() throws Exception {
        TrainSpec spec =
                spec(Map.of("early_stopping", "early_stopping(patience=5)", "seed", 3, "steps", 4));
        spec = new Experiment(new HashMap<>(spec.describe())).resolve();
        assertTrue(
                spec.input().validationAuto(),
                "config.yaml reads back as automatic: " + spec.describe());
        int[] trainCounts;
        int[] valCounts;
        try (Trainer t = new Trainer(spec);
                NDManager m = NDManager.newBaseManager()) {
            trainCounts = classCounts(t.data().train(m));
            valCounts = classCounts(t.data().validation(m));
        }
        for (int c = 0; c < valCounts.length; c++) {
            int all = trainCounts[c] + valCounts[c];
            assertEquals(
                    Math.round(all * 0.1),
                    valCounts[c],
                    "class " + c + ": " + valCounts[c] + " of " + all + " held out");
        }

        Path out = tmp.resolve("auto");
        List<String> notes = new ArrayList<>();
        TrainRun.execute(spec, out, List.of(notes(notes)));
        JsonNode recorded =
                JSON.readTree(out.resolve("provenance.json").toFile()).get("validation");
        int held = Arrays.stream(valCounts).sum();
        int kept = Arrays.stream(trainCounts).sum();
        assertEquals(0.1, recorded.get("fraction").asDouble(), recorded.toString());
        assertTrue(recorded.get("automatic").asBoolean(), recorded.toString());
        assertTrue(recorded.get("stratified").asBoolean(), recorded.toString());
        assertEquals(3, recorded.get("seed").asLong(), recorded.toString());
        assertEquals(held, recorded.get("rows").asInt(), recorded.toString());
        assertEquals(kept, recorded.get("train_rows").asInt(), recorded.toString());
        assertEquals("val_loss", recorded.get("monitors").get("early_stopping").asText());
        assertEquals(
                recorded,
                JSON.readTree(out.resolve("data.json").toFile()).get("validation"),
                "data.json records the same split");
        String config = Files.readString(out.resolve("config.yaml"));
        assertTrue(
                config.contains("validation: 0.1") && config.contains("validation_auto: true"),
                config);
        long said =
                notes.stream()
                        .filter(
                                l ->
                                        l.startsWith(
                                                "validation 10% of the training split"
                                                        + " held out automatically (stratified, seed 3): "
                                                        + held
                                                        + " of "
                                                        + String.format(
                                                                Locale.ROOT, "%,d", held + kept)
                                                        + " rows"))
                        .count();
        assertEquals(1, said, "one line says so: " + notes);
    }

    @Test
    void withTheOptInATestMonitorWorksAndWarns() throws Exception {
        TrainSpec spec =
                spec(
                        Map.of(
                                "early_stopping",
                                "early_stopping(monitor=test_loss," + " patience=5)",
                                "monitor_test",
                                true,
                                "steps",
                                3));
        List<String> notes = new ArrayList<>();
        TrainRun.execute(spec, tmp.resolve("t"), List.of(notes(notes)));
        assertEquals(
                1,
                notes.stream()
                        .filter(
                                l ->
                                        l.startsWith("warning")
                                                && l.contains("test_loss")
                                                && l.contains("optimistic"))
                        .count(),
                "one warning: " + notes);
        assertFalse(Files.exists(tmp.resolve("t/data.json")), "no split to record");
    }

    @Test
    void aRunWithoutMonitorsIsTheRunItAlwaysWas() throws Exception {
        // The old default (monitor=test_loss) now needs the opt-in; such a run holds nothing
        // out, so it trains exactly as a run without monitors and as one with validation 0.
        List<String> plain = records(spec(Map.of()), "plain");
        List<String> off = records(spec(Map.of("validation", 0)), "off");
        List<String> oldDefault =
                records(
                        spec(
                                Map.of(
                                        "early_stopping",
                                        "early_stopping(monitor=test_loss, patience=100)",
                                        "monitor_test",
                                        true)),
                        "old");
        assertTrue(
                plain.stream().noneMatch(r -> r.contains("\"val_")), "no val_* metrics: " + plain);
        assertTrue(plain.stream().anyMatch(r -> r.contains("\"test_loss\"")));
        assertEquals(plain, off, "validation 0 changes nothing");
        assertEquals(plain, oldDefault, "a test_loss monitor (opted in) trains the same");
        for (String run : List.of("plain", "off")) {
            JsonNode p = JSON.readTree(tmp.resolve(run + "/provenance.json").toFile());
            assertNull(p.get("validation"), run + ": provenance records no split: " + p);
            assertFalse(Files.exists(tmp.resolve(run + "/data.json")), run + ": no data.json");
        }
        TrainSpec first = spec(Map.of());
        try (Trainer t = new Trainer(first)) {
            assertEquals(6000, t.data().trainSize(), "every training row trains");
            assertEquals(0, t.data().validationSize());
        }
    }

    @Test
    void crossValidationMonitorsEachFoldsValidationPart() throws Exception {
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=1, width=8)",
                                        "data",
                                        "csv(path='"
                                                + Path.of("..", "examples", "data", "iris.csv")
                                                        .toAbsolutePath()
                                                        .normalize()
                                                + "', target=species)",
                                        "early_stopping",
                                        "early_stopping(patience=2)",
                                        "keep_best",
                                        true,
                                        "epochs",
                                        3,
                                        "batch",
                                        16,
                                        "threads",
                                        1))
                        .resolve();
        assertTrue(spec.input().validationAuto(), "outside cv the run would hold out 10%");
        Path out = tmp.resolve("cv");
        CrossValidation.Result r = CrossValidation.run(spec, 3, out, List.of(), List.of());
        assertEquals(3, r.folds().size());
        String fold = Files.readString(out.resolve("fold-1/config.yaml"));
        assertFalse(fold.contains("validation"), "the fold is the validation split:\n" + fold);
        JsonNode split =
                JSON.readTree(out.resolve("fold-1/provenance.json").toFile()).get("validation");
        assertNull(split, "no extra hold-out inside a fold: " + split);
        assertTrue(r.metrics().containsKey("val_loss"), r.metrics().keySet().toString());
        assertFalse(
                JSON.readTree(out.resolve("cv.json").toFile()).get("config").has("validation"),
                "cv.json's config holds no automatic split");
    }

    /** The run's metrics records, throughput aside. */
    List<String> records(TrainSpec spec, String name) throws Exception {
        Path out = tmp.resolve(name);
        TrainRun.execute(spec, out, List.of());
        return ResumeTest.records(out);
    }

    static TrainEvents notes(List<String> into) {
        return new TrainEvents() {
            @Override
            public void onNote(String line) {
                into.add(line);
            }
        };
    }

    static int[] classCounts(TensorDataset d) {
        int[] counts = new int[d.classes()];
        for (long y : d.y().toType(DataType.INT64, false).toLongArray()) {
            counts[(int) y]++;
        }
        return counts;
    }
}
