package io.kindling.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.train.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    @TempDir Path tmp;

    static Variant variant(String label, String init, String optimizer) {
        return new Variant(
                label,
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=6, width=32)",
                                        "init",
                                        init,
                                        "optimizer",
                                        optimizer,
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        30,
                                        "batch",
                                        64,
                                        "threads",
                                        1,
                                        "log_every",
                                        5))
                        .resolve());
    }

    @Test
    void writesASummaryWithTheDocumentedFieldsAndTwoSeeds() throws Exception {
        List<Variant> variants =
                List.of(
                        variant(
                                "he",
                                "kaiming_normal(nonlinearity=relu)",
                                "sgd(lr=0.05, momentum=0.9)"),
                        variant("tiny", "normal(std=0.01)", "sgd(lr=0.05, momentum=0.9)"));
        List<VariantResult> results =
                Comparison.run(variants, 2, tmp, new PrintStream(new ByteArrayOutputStream()));
        Summary.write(tmp.resolve("summary.json"), results);
        CompareReport.write(tmp.resolve("report.html"), results, Map.of("seed", 0));
        JsonNode s = new ObjectMapper().readTree(tmp.resolve("summary.json").toFile());
        JsonNode he = s.get("variants").get(0);
        for (String key :
                List.of(
                        "label",
                        "config",
                        "seeds",
                        "final_train_loss",
                        "test_accuracy",
                        "test_accuracy_std",
                        "diverged",
                        "loss_curve",
                        "init_layers",
                        "verdict")) {
            assertTrue(he.has(key), key);
        }
        assertEquals(2, he.get("seeds").size());
        assertEquals(6, he.get("loss_curve").size());
        assertEquals(7, he.get("init_layers").size());
        assertEquals("healthy", he.get("verdict").get("kind").asText());
        assertEquals("vanishing", s.get("variants").get(1).get("verdict").get("kind").asText());
        assertTrue(Files.exists(tmp.resolve("he/seed-0/metrics.jsonl")));
        assertTrue(Files.exists(tmp.resolve("tiny/seed-1/metrics.jsonl")));
        String html = Files.readString(tmp.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("vanishing"));
        assertFalse(html.contains("http://") && html.contains("<script"), "self-contained");
    }

    @Test
    void aDivergingVariantIsReportedNotFatal() throws Exception {
        List<VariantResult> results =
                Comparison.run(
                        List.of(variant("blowup", "normal(std=10)", "sgd(lr=10)")),
                        1,
                        tmp,
                        new PrintStream(new ByteArrayOutputStream()));
        assertTrue(results.get(0).diverged());
        Summary.write(tmp.resolve("summary.json"), results);
        JsonNode v =
                new ObjectMapper()
                        .readTree(tmp.resolve("summary.json").toFile())
                        .get("variants")
                        .get(0);
        assertTrue(v.get("diverged").asBoolean());
        assertTrue(v.get("final_train_loss").isNull());
    }
}
