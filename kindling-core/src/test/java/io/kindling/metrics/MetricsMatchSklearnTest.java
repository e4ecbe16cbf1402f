package io.kindling.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against scikit-learn on fixed predictions (tools/reference/metrics_reference.py). */
class MetricsMatchSklearnTest {

    static JsonNode reference() throws IOException {
        try (InputStream in =
                MetricsMatchSklearnTest.class.getResourceAsStream("/reference/metrics.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    @Test
    void classificationMetricsMatchSklearn() throws IOException {
        for (JsonNode c : reference().get("classification")) {
            int k = c.get("classes").asInt();
            ConfusionMatrix m =
                    ConfusionMatrix.of(ints(c.get("truth")), ints(c.get("predicted")), k);
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    assertEquals(c.get("confusion").get(t).get(p).asLong(), m.counts()[t][p]);
                }
                assertEquals(
                        c.get("per_class").get("precision").get(t).asDouble(),
                        m.precision(t),
                        1e-12,
                        "precision of class " + t);
                assertEquals(
                        c.get("per_class").get("recall").get(t).asDouble(),
                        m.recall(t),
                        1e-12,
                        "recall of class " + t);
                assertEquals(
                        c.get("per_class").get("f1").get(t).asDouble(),
                        m.f1(t),
                        1e-12,
                        "f1 of class " + t);
            }
            assertEquals(c.get("accuracy").asDouble(), m.accuracy(), 1e-12);
            for (Map.Entry<String, double[]> avg : m.averages().entrySet()) {
                JsonNode want = c.get(avg.getKey());
                assertEquals(
                        want.get("precision").get(0).asDouble(),
                        avg.getValue()[0],
                        1e-12,
                        avg.getKey() + " precision, " + k + " classes");
                assertEquals(
                        want.get("recall").get(0).asDouble(),
                        avg.getValue()[1],
                        1e-12,
                        avg.getKey() + " recall");
                assertEquals(
                        want.get("f1").get(0).asDouble(),
                        avg.getValue()[2],
                        1e-12,
                        avg.getKey() + " f1");
            }
        }
    }

    @Test
    void regressionMetricsMatchSklearn() throws IOException {
        JsonNode r = reference().get("regression");
        double[] y = doubles(r.get("y"));
        double[] yHat = doubles(r.get("y_hat"));
        assertEquals(r.get("mse").asDouble(), RegressionMetrics.mse(y, yHat), 1e-12);
        assertEquals(r.get("mae").asDouble(), RegressionMetrics.mae(y, yHat), 1e-12);
        assertEquals(r.get("r2").asDouble(), RegressionMetrics.r2(y, yHat), 1e-12);
        assertEquals(Math.E, RegressionMetrics.perplexity(1), 1e-15);
    }

    @Test
    void aLabelOutsideTheClassesIsRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertEquals("pair 1 (3, 1) is outside the 3 classes", e.getMessage());
    }
}
