package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against torch.optim.lr_scheduler.ReduceLROnPlateau (tools/reference/plateau_reference.py). */
class ReduceOnPlateauTest {

    @TempDir Path tmp;

    @Test
    void matchesTorchOnAFixedMetricSequence() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/plateau.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        var cases = ref.get("cases").fields();
        int checked = 0;
        while (cases.hasNext()) {
            var c = cases.next();
            ReduceOnPlateau rule = Callbacks.PLATEAU.parse(c.getKey());
            assertEquals(rule, Callbacks.PLATEAU.parse(rule.print()));
            ReduceOnPlateau.State s = rule.start(ref.get("base_lr").asDouble());
            for (int i = 0; i < ref.get("metrics").size(); i++) {
                double lr = rule.step(s, ref.get("metrics").get(i).asDouble());
                double want = c.getValue().get(i).asDouble();
                assertEquals(want, lr, 1e-12 * want, c.getKey() + " after metric " + (i + 1));
            }
            checked++;
        }
        assertEquals(5, checked);
    }

    @Test
    void badArgumentsAndMonitorsAreRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Callbacks.PLATEAU.parse("reduce_on_plateau(factor=1.5)"));
        assertTrue(e.getMessage().contains("factor") && e.getMessage().contains("1.5"));
        e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new Experiment(
                                                Map.of(
                                                        "on_plateau",
                                                        "reduce_on_plateau(monitor=train_loss)",
                                                        "steps",
                                                        1))
                                        .resolve());
        assertTrue(
                e.getMessage().contains("train_loss") && e.getMessage().contains("test_loss"),
                e.getMessage());
    }

    @Test
    void theTrainerLowersTheLrAfterAStalledEpoch() throws IOException {
        // patience 0 and a huge threshold: every epoch after the first counts as stalled.
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=1, width=16)",
                                        "optimizer",
                                        "sgd(lr=0.05)",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "on_plateau",
                                        "reduce_on_plateau(factor=0.5, patience=0, threshold=0.99)",
                                        "epochs",
                                        3,
                                        "batch",
                                        500,
                                        "threads",
                                        1))
                        .resolve();
        Path out = tmp.resolve("plateau");
        TrainRun.execute(spec, out, List.of());
        List<Double> lrs = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("plateau_lr")) {
                lrs.add(n.get("plateau_lr").asDouble());
            }
        }
        assertEquals(List.of(0.05, 0.025, 0.0125), lrs);
    }
}
