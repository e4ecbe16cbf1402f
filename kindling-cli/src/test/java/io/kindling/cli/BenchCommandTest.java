package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.memory.Allocator;
import org.junit.jupiter.api.Test;
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
                        "--warmup-seconds",
                        "0",
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
        // every figure comes with the allocator it ran on and its page faults (bench runs in
        // this JVM here, so its allocator is this process's)
        assertEquals(Allocator.current().name(), r.get("allocator").asText(), o.out());
        for (String side : new String[] {"kindling", "baseline"}) {
            assertEquals(3, r.get(side + "_faults").size(), o.out());
            assertTrue(r.get(side + "_faults_per_step").asDouble() >= 0, o.out());
            assertTrue(r.get(side + "_spread").asDouble() >= 0, o.out());
        }
        assertTrue(r.get("peak_rss_mib").asDouble() >= r.get("rss_mib").asDouble(), o.out());
        assertTrue(r.get("rss_after_warmup_mib").asDouble() > 0, o.out());
        assertTrue(r.get("heap_committed_mib").asDouble() > 0, o.out());
    }

    @Test
    void benchInitOnAModelListsEveryTensorWithItsShapeAndInitializer() throws Exception {
        var o =
                run(
                        "bench",
                        "--init",
                        "normal(std=0.02)",
                        "--model",
                        "mlp(depth=1, width=16)",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--repeats",
                        "2",
                        "--threads",
                        "1",
                        "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(o.out());
        assertTrue(r.get("seconds").asDouble() > 0, o.out());
        assertEquals(2, r.get("runs").size(), o.out());
        assertEquals(784 * 16 + 16 + 16 * 10 + 10, r.get("parameters").asLong(), o.out());
        JsonNode first = r.get("tensors").get(0);
        assertEquals("layer1.weight", first.get("name").asText(), o.out());
        assertEquals("[16,784]", first.get("shape").toString(), o.out());
        assertEquals("normal(mean=0, std=0.02)", first.get("init").asText(), o.out());
        assertEquals("zeros", r.get("tensors").get(1).get("init").asText(), o.out());
    }

    @Test
    void benchInitOnARegressionModelBuildsItsHeadForTheDatasOutputs() throws Exception {
        // a regression has no classes: the head is one value (data.outputs(), not classes())
        var o =
                run(
                        "bench",
                        "--init",
                        "orthogonal",
                        "--model",
                        "lstm(hidden=8)",
                        "--data",
                        "adding(steps=10)",
                        "--repeats",
                        "1",
                        "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode tensors = new ObjectMapper().readTree(o.out()).get("tensors");
        JsonNode head = tensors.get(tensors.size() - 2);
        assertEquals("head.weight", head.get("name").asText(), o.out());
        assertEquals("[1,8]", head.get("shape").toString(), o.out());
    }

    @Test
    void benchInitOnAShapeTimesOneTensorAndLsuvReportsItsPasses() throws Exception {
        var tensor = run("bench", "--init", "orthogonal", "--shape", "40,30", "--json");
        assertEquals(0, tensor.code(), tensor.err());
        JsonNode r = new ObjectMapper().readTree(tensor.out());
        assertEquals(1200, r.get("parameters").asLong(), tensor.out());
        assertEquals("[40,30]", r.get("tensors").get(0).get("shape").toString(), tensor.out());
        var lsuv =
                run(
                        "bench",
                        "--init",
                        "lsuv(base=normal(std=0.01))",
                        "--model",
                        "mlp(depth=1, width=16)",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--repeats",
                        "1");
        assertEquals(0, lsuv.code(), lsuv.err());
        assertTrue(lsuv.out().contains("ms per pass"), lsuv.out());
        var bad = run("bench", "--shape", "4,4");
        assertTrue(bad.code() != 0 && bad.err().contains("--shape needs --init"), bad.err());
    }
}
