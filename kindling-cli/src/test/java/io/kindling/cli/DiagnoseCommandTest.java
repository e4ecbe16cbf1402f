package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DiagnoseCommandTest {

    @Test
    void printsATableAndAVerdict() {
        var o =
                run(
                        "diagnose",
                        "--model",
                        "mlp(depth=3, width=32)",
                        "--init",
                        "xavier_normal",
                        "--data",
                        "fashion-mnist(source=subset)");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("post_std") && o.out().contains("layer4"), o.out());
        assertTrue(o.out().contains("verdict: "), o.out());
    }

    @Test
    void jsonHasLayersAndVerdict() throws Exception {
        var o =
                run(
                        "diagnose",
                        "--model",
                        "mlp(depth=2, width=16, activation=tanh)",
                        "--init",
                        "normal(std=1)",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode d = new ObjectMapper().readTree(o.out());
        assertEquals(3, d.get("layers").size());
        assertTrue(d.get("layers").get(0).has("saturatedFraction"));
        assertEquals("saturated", d.get("verdict").get("kind").asText());
    }
}
