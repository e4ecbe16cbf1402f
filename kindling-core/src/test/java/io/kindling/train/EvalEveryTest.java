package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval_every}: evaluations inside epochs, besides the one at each epoch's end. */
class EvalEveryTest {

    @TempDir Path tmp;

    private static Map<String, Object> values(int evalEvery) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("model", "mlp(depth=1, width=16)");
        v.put("data", "fashion-mnist(source=subset)");
        v.put("epochs", 2);
        v.put("batch", 128);
        v.put("validation", 0.1);
        v.put("threads", 1);
        v.put("eval_every", evalEvery);
        return v;
    }

    @Test
    void aRunEvaluatesEveryNStepsAndAtEachEpochsEnd() throws Exception {
        TrainResult r =
                TrainRun.execute(new Experiment(values(5)).resolve(), tmp.resolve("r"), List.of());
        long total = r.steps();
        long perEpoch = total / 2;
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= total; s++) {
            if (s % 5 == 0 || s % perEpoch == 0) {
                expected.add(s);
            }
        }
        List<Long> evaluated = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(tmp.resolve("r/metrics.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (n.has("val_loss")) {
                evaluated.add(n.get("step").asLong());
            }
        }
        assertEquals(expected, evaluated);
        assertTrue(
                Files.readString(tmp.resolve("r/config.yaml")).contains("eval_every: 5"),
                "config.yaml records it");
    }

    @Test
    void itIsRefusedBesideRulesThatCountEpochs() {
        Map<String, Object> v = values(5);
        v.put("early_stopping", "early_stopping(patience=2)");
        ConfigException e = assertThrows(ConfigException.class, () -> new Experiment(v).resolve());
        assertEquals(
                "eval_every=5 evaluates inside epochs, but early_stopping counts its patience in"
                        + " epochs; remove one of them",
                e.getMessage());
    }
}
