package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kindling bench --json} on every model family: the fields exist; no timing claims. */
class BenchCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp(depth=1, width=16)", "lenet5", "resnet(blocks=3, width=8)"})
    void benchJsonHasPositiveThroughputsAndRatioForEveryFamily(String model) throws Exception {
        var o =
                run(
                        "bench",
                        "--model",
                        model,
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--batch",
                        "16",
                        "--warmup",
                        "1",
                        "--steps",
                        "2",
                        "--windows",
                        "3",
                        "--threads",
                        "1",
                        "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(o.out());
        for (String field : new String[] {"kindling", "baseline", "ratio"}) {
            assertTrue(r.path(field).isNumber(), field + " missing from " + o.out());
            assertTrue(r.get(field).asDouble() > 0, field + " not positive in " + o.out());
        }
        assertEquals(3, r.get("kindling_windows").size(), o.out());
        assertEquals(3, r.get("baseline_windows").size(), o.out());
    }
}
