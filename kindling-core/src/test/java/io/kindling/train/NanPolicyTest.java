package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NanPolicyTest {

    @TempDir Path tmp;

    static TrainSpec spec(String policy) {
        // Weights of std 1e20 overflow float32 in the second layer: the first loss is NaN.
        return new Experiment(
                        Map.of(
                                "model",
                                "mlp(depth=2, width=32)",
                                "init",
                                "normal(std=1e20)",
                                "optimizer",
                                "sgd(lr=0.1)",
                                "data",
                                "fashion-mnist(source=subset)",
                                "steps",
                                20,
                                "batch",
                                64,
                                "threads",
                                1,
                                "log_every",
                                1,
                                "nan_policy",
                                policy))
                .resolve();
    }

    static List<JsonNode> nonFinite(Path metrics) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("non_finite_loss")) {
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void stopEndsTheRunAtTheFirstNonFiniteLossAndNamesTheParameter() throws Exception {
        Path out = tmp.resolve("stop");
        TrainResult r = TrainRun.execute(spec("stop"), out, List.of());
        List<JsonNode> nan = nonFinite(out.resolve("metrics.jsonl"));
        assertEquals(1, nan.size());
        assertEquals(1, nan.get(0).get("step").asLong());
        assertEquals(1, r.steps());
        assertEquals("layer1.weight (gradient)", nan.get(0).get("non_finite_first").asText());
        assertTrue(!Double.isFinite(r.finalTrainLoss()), "a stopped run reports no final loss");
    }

    @Test
    void skipStepDropsTheBadUpdatesAndGoesOn() throws Exception {
        Path out = tmp.resolve("skip");
        TrainResult r = TrainRun.execute(spec("skip_step"), out, List.of());
        assertEquals(20, r.steps());
        assertEquals(
                20,
                nonFinite(out.resolve("metrics.jsonl")).size(),
                "every step is non-finite and skipped; the run still ends normally");
    }
}
