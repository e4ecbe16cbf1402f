package io.kindling.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.diagnose.LayerStats;
import io.kindling.train.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five shipped experiments, run from their files with few steps on the shipped subset:
 * each shows the direction of its paper's effect.
 */
class ShippedExperimentsTest {

    @TempDir
    Path tmp;

    Map<String, VariantResult> run(String name, int steps) {
        Map<String, Object> file = Experiment.readYaml(Path.of("..", "examples", name + ".yaml"));
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("data", "fashion-mnist(source=subset)");
        overrides.put("steps", steps);
        overrides.put("threads", 1);
        overrides.put("log_every", 5);
        List<Variant> variants = Variants.of(file, overrides, List.of());
        return Comparison.run(variants, 1, tmp.resolve(name),
                new PrintStream(new ByteArrayOutputStream())).stream()
                .collect(Collectors.toMap(VariantResult::label, Function.identity()));
    }

    static double std(VariantResult r, int layer) {
        return r.initLayers().get(layer - 1).postStd();
    }

    @Test
    void heVsXavier() {
        Map<String, VariantResult> r = run("he-vs-xavier", 60);
        assertEquals("vanishing", r.get("xavier_normal").verdict().kind());
        assertEquals("healthy", r.get("kaiming_normal").verdict().kind());
        assertEquals("healthy", r.get("lsuv").verdict().kind());
        assertTrue(r.get("kaiming_normal").finalTrainLoss() < r.get("xavier_normal")
                .finalTrainLoss() - 0.3, "He trains, Xavier stalls");
    }

    @Test
    void glorotTanh() {
        Map<String, VariantResult> r = run("glorot-tanh", 60);
        assertEquals("saturated", r.get("normal(std=1)").verdict().kind());
        assertEquals("healthy", r.get("xavier_normal").verdict().kind());
        assertTrue(r.get("xavier_normal").testAccuracy() > r.get("normal(std=1)").testAccuracy()
                + 0.2);
    }

    @Test
    void saxeLinear() {
        Map<String, VariantResult> r = run("saxe-linear", 10);
        VariantResult orthogonal = r.get("orthogonal");
        VariantResult gaussian = r.get("normal(std=1/sqrt(128))");
        assertTrue(spread(orthogonal) < 0.01, "orthogonal keeps every layer's std exactly: "
                + spread(orthogonal));
        assertTrue(spread(gaussian) > 5 * spread(orthogonal), "the Gaussian spreads it: "
                + spread(gaussian));
    }

    /** Relative spread of the activation std over the hidden layers after the first. */
    static double spread(VariantResult r) {
        List<LayerStats> hidden = r.initLayers().subList(1, r.initLayers().size() - 1);
        double max = hidden.stream().mapToDouble(LayerStats::postStd).max().orElseThrow();
        double min = hidden.stream().mapToDouble(LayerStats::postStd).min().orElseThrow();
        return (max - min) / max;
    }

    @Test
    void mishkinLsuv() {
        Map<String, VariantResult> r = run("mishkin-lsuv", 60);
        assertEquals("vanishing", r.get("normal(std=0.01)").verdict().kind());
        assertEquals("healthy", r.get("lsuv(normal(std=0.01))").verdict().kind());
        assertTrue(r.get("lsuv(normal(std=0.01))").finalTrainLoss()
                < r.get("normal(std=0.01)").finalTrainLoss() - 0.3);
    }

    @Test
    void klambauerSelu() {
        Map<String, VariantResult> r = run("klambauer-selu", 10);
        VariantResult lecun = r.get("lecun_normal");
        for (int layer : new int[] {10, 20, 30}) {
            assertEquals(1.0, std(lecun, layer), 0.15, "self-normalizing at layer " + layer);
        }
        assertEquals("vanishing", r.get("normal(std=0.02)").verdict().kind());
        assertEquals("exploding", r.get("normal(std=0.1)").verdict().kind());
    }
}
