package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.compare.CompareReport;
import io.kindling.compare.Comparison;
import io.kindling.compare.Summary;
import io.kindling.compare.Variant;
import io.kindling.compare.VariantResult;
import io.kindling.metrics.RegressionReport;
import io.kindling.report.ConsoleProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forecast trains end to end: its run folder, console and comparison show regression metrics. */
class ForecastTrainingTest {

    @TempDir Path tmp;

    static Map<String, Object> sines() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", "mlp(depth=1, width=16)");
        m.put("init", "kaiming_normal(nonlinearity=relu)");
        m.put("optimizer", "adam(lr=0.003)");
        m.put(
                "data",
                "sines(length=400, periods=[12], noise=0.05, seed=1, window=24, horizon=2,"
                        + " validation=0.1, test=0.2, season=12)");
        m.put("steps", 40);
        m.put("batch", 32);
        m.put("threads", 1);
        m.put("log_every", 10);
        return m;
    }

    @Test
    void aForecastRunLogsTheModelsErrorsBesideTheBaselinesAndSavesItsNormalization()
            throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TrainResult r =
                TrainRun.execute(
                        new Experiment(sines()).resolve(),
                        tmp.resolve("run"),
                        List.of(
                                new ConsoleProgress(
                                        new PrintStream(console, true, "UTF-8"), false)));
        assertNull(r.test().confusion());
        assertFalse(r.test().isClassification());
        Map<String, Object> m = r.test().metrics();
        for (String key :
                List.of(
                        "test_loss",
                        "test_rmse",
                        "test_mse",
                        "test_mae",
                        "test_r2",
                        "test_mase",
                        "test_naive_rmse",
                        "test_seasonal_naive_rmse",
                        "test_seasonal_naive_mase")) {
            assertTrue(m.get(key) instanceof Double, key + " in " + m.keySet());
        }
        assertFalse(m.containsKey("test_accuracy"), m.keySet().toString());
        assertEquals((double) m.get("test_mse"), r.test().loss(), 1e-12);
        assertEquals(Map.entry("rmse", (Double) m.get("test_rmse")), r.test().headline());
        String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("test_naive_rmse"), text);
        assertTrue(text.contains(", test_rmse "), text);
        JsonNode data = new ObjectMapper().readTree(tmp.resolve("run/data.json").toFile());
        assertEquals("train", data.get("normalization").get("fitted_on").asText());
        assertTrue(data.get("normalization").get("std").asDouble() > 0, data.toString());
        String metrics = Files.readString(tmp.resolve("run/metrics.jsonl"));
        assertTrue(metrics.contains("\"val_seasonal_naive_mae\""), metrics);
        String report = RegressionReport.render(r.test());
        assertTrue(report.contains("seasonal_naive"), report);
        assertTrue(report.startsWith("test split: "), report);
    }

    @Test
    void aComparisonOfForecastsIsScoredByTestRmse() throws Exception {
        Map<String, Object> small = sines();
        small.put("steps", 10);
        List<Variant> variants =
                List.of(
                        new Variant("he", new Experiment(small).resolve()),
                        new Variant(
                                "xavier",
                                new Experiment(withInit(small, "xavier_normal")).resolve()));
        List<VariantResult> results =
                Comparison.run(variants, 1, tmp, new PrintStream(new ByteArrayOutputStream()));
        assertEquals("test_rmse", results.get(0).score());
        assertTrue(Double.isFinite(results.get(0).testAccuracy()));
        Summary.write(tmp.resolve("summary.json"), results);
        CompareReport.write(tmp.resolve("report.html"), results, Map.of("seed", 0));
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile());
        JsonNode v = s.get("variants").get(0);
        assertTrue(v.get("test_rmse").isNumber(), v.toString());
        assertFalse(v.has("test_accuracy"), v.toString());
        assertTrue(v.get("runs").get(0).get("test_rmse").isNumber(), v.toString());
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("test rmse"));
    }

    @Test
    void anAutomaticHoldOutOfASeriesIsTheStretchBeforeTheTestPart() {
        Map<String, Object> m = sines();
        m.put("data", "sines(length=400, periods=[12], noise=0.05, seed=1, window=24, test=0.2)");
        m.put("early_stopping", "early_stopping()");
        TrainSpec spec = new Experiment(m).resolve();
        assertTrue(spec.input().validationAuto());
        try (PreparedRun p = new PreparedRun(spec)) {
            var d = (io.kindling.data.series.SeriesData) p.data();
            // 320 values before the test part, the last 10% (32) validate
            assertEquals(List.of(288, 320), List.of(d.bounds()[0], d.bounds()[1]));
            assertTrue(
                    ModelSelection.notes(spec, d).get(0).contains("in time"),
                    ModelSelection.notes(spec, d).toString());
        }
    }

    @Test
    void aForecastMayBeMonitoredByItsOwnMetricsButNotByAccuracy() {
        Map<String, Object> m = sines();
        m.put("early_stopping", "early_stopping(monitor=val_mase, patience=2)");
        try (PreparedRun p = new PreparedRun(new Experiment(m).resolve())) {
            assertTrue(p.task().metricNames("val").contains("val_seasonal_naive_mase"));
        }
        m.put("early_stopping", "early_stopping(monitor=val_accuracy)");
        var e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        io.kindling.config.ConfigException.class,
                        () -> new PreparedRun(new Experiment(m).resolve()).close());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "early_stopping monitor 'val_accuracy' is not logged by the"
                                        + " forecast task of this data; it logs val_loss,"
                                        + " val_rmse"),
                e.getMessage());
    }

    @Test
    void theShippedSequenceExamplesBuildFromTheirFiles() {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        for (String name : List.of("forecast-weather", "forecast-mackey-glass", "adding-problem")) {
            Map<String, Object> m =
                    new LinkedHashMap<>(Experiment.readYaml(examples.resolve(name + ".yaml")));
            Object data = m.get("data");
            m.put(
                    "data",
                    String.valueOf(data)
                            .replace(
                                    "'examples/",
                                    "'" + examples.toString().replace('\\', '/') + "/"));
            m.put("threads", 1);
            try (PreparedRun p = new PreparedRun(new Experiment(m).resolve())) {
                assertEquals(io.kindling.data.TargetKind.VALUES, p.data().targetKind(), name);
                assertTrue(p.data().trainSize() > 0 && p.data().testSize() > 0, name);
            }
        }
    }

    private static Map<String, Object> withInit(Map<String, Object> m, String init) {
        Map<String, Object> c = new LinkedHashMap<>(m);
        c.put("init", init);
        return c;
    }
}
