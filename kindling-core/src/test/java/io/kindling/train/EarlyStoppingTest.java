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

class EarlyStoppingTest {

    @TempDir Path tmp;

    @Test
    void theRuleFollowsKerasSemantics() {
        EarlyStopping rule =
                Callbacks.EARLY_STOPPING.parse(
                        "early_stopping(monitor=test_loss, min_delta=0.01, patience=2, start_from=2)");
        assertEquals(rule, Callbacks.EARLY_STOPPING.parse(rule.print()));
        EarlyStopping.State s = rule.start();
        assertEquals(EarlyStopping.Decision.CONTINUE, rule.step(s, 0.1, 1), "before start_from");
        assertEquals(EarlyStopping.Decision.IMPROVED, rule.step(s, 1.0, 2));
        assertEquals(EarlyStopping.Decision.IMPROVED, rule.step(s, 0.9, 3));
        assertEquals(EarlyStopping.Decision.CONTINUE, rule.step(s, 0.895, 4), "below min_delta");
        assertEquals(EarlyStopping.Decision.STOP, rule.step(s, 0.95, 5));
        assertEquals(3, s.bestEpoch());
    }

    @Test
    void aStoppedRunEndsCleanlyAndRestoresTheBestWeights() throws Exception {
        // min_delta=1 makes every epoch after the first "no improvement": stop after epoch 3.
        // The monitor is a val_* metric, so 10% of the training split is held out for it.
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=1, width=32, norm=batch)",
                                        "optimizer",
                                        "sgd(lr=0.05, momentum=0.9)",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "early_stopping",
                                        "early_stopping(monitor=val_accuracy, mode=max, min_delta=1,"
                                                + " patience=2, restore_best=true)",
                                        "epochs",
                                        10,
                                        "batch",
                                        256,
                                        "threads",
                                        1))
                        .resolve();
        Path out = tmp.resolve("early");
        TrainResult r = TrainRun.execute(spec, out, List.of());
        List<JsonNode> evals = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("test_accuracy")) {
                evals.add(n);
            }
        }
        assertEquals(4, evals.size(), "epochs 1-3, then the restored evaluation");
        assertTrue(evals.get(2).get("early_stopped").asBoolean());
        assertEquals(3, r.epochs());
        JsonNode restored = evals.get(3);
        assertEquals(1, restored.get("restored_best_epoch").asInt());
        assertEquals(
                evals.get(0).get("test_loss").asDouble(),
                restored.get("test_loss").asDouble(),
                1e-12,
                "epoch 1's weights are back");
        assertEquals(
                evals.get(0).get("val_accuracy").asDouble(),
                restored.get("val_accuracy").asDouble(),
                1e-12,
                "the monitor is back too");
        assertEquals(evals.get(0).get("test_accuracy").asDouble(), r.test().accuracy());
    }
}
