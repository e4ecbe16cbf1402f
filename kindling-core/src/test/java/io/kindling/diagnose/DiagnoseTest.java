package io.kindling.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.train.Experiment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The textbook cases: each initialization gets the verdict the literature gives it. */
class DiagnoseTest {

    static Diagnosis diagnose(String model, String init) {
        return Diagnose.of(
                new Experiment(
                                Map.of(
                                        "model",
                                        model,
                                        "init",
                                        init,
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "batch",
                                        256,
                                        "steps",
                                        1,
                                        "threads",
                                        1))
                        .resolve());
    }

    @Test
    void xavierVanishesInA30LayerReluNetAtAboutOneOverRootTwoPerLayer() {
        Diagnosis d = diagnose("mlp(depth=30, width=256)", "xavier_normal");
        assertEquals("vanishing", d.verdict().kind());
        assertEquals(31, d.layers().size());
        List<LayerStats> l = d.layers();
        double perLayer = Math.pow(l.get(29).postStd() / l.get(0).postStd(), 1.0 / 29);
        assertEquals(Math.sqrt(0.5), perLayer, 0.05, "He et al. 2015: variance halves per layer");
        assertTrue(
                d.verdict().evidence().get(0).contains("falls"), d.verdict().evidence().toString());
        assertTrue(d.verdict().advice().get(0).contains("kaiming_normal"));
    }

    @Test
    void heInitKeepsTheSameNetHealthy() {
        Diagnosis d = diagnose("mlp(depth=30, width=256)", "kaiming_normal(nonlinearity=relu)");
        assertEquals("healthy", d.verdict().kind(), d.verdict().evidence().toString());
        double ratio = d.layers().get(29).postStd() / d.layers().get(0).postStd();
        assertTrue(ratio > 0.1 && ratio < 10, "signal ratio " + ratio);
    }

    @Test
    void aUnitGaussianSaturatesADeepTanhNet() {
        Diagnosis d = diagnose("mlp(depth=10, width=256, activation=tanh)", "normal(std=1)");
        assertEquals("saturated", d.verdict().kind());
        assertTrue(d.layers().get(5).saturatedFraction() > 0.5);
        assertEquals(
                "healthy",
                diagnose("mlp(depth=10, width=256, activation=tanh)", "xavier_normal(gain=auto)")
                        .verdict()
                        .kind());
    }

    @Test
    void rezeroBlocksAreTheIdentityAtInitSoTheStreamKeepsItsScale() {
        Diagnosis d = diagnose("resnet(blocks=3, width=8, residual=rezero, stages=1)", "he_normal");
        assertEquals(
                List.of("stage1.block1", "stage1.block2", "stage1.block3"),
                d.blocks().stream().map(BlockStats::block).toList());
        double first = d.blocks().get(0).streamStd();
        assertTrue(first > 0, "stream std " + first);
        for (BlockStats b : d.blocks()) {
            // α = 0: each block passes its input through, so the stream is the stem's output
            assertEquals(first, b.streamStd(), 1e-6 * first, b.block());
        }
    }

    @Test
    void negativeWeightsKillEveryReluUnit() {
        Diagnosis d = diagnose("mlp(depth=3, width=64)", "normal(mean=-0.05, std=0.01)");
        assertEquals("dying", d.verdict().kind());
        assertEquals(1.0, d.layers().get(0).deadFraction());
    }

    @Test
    void gradientsAreMeasuredPerLayerAndFinite() {
        Diagnosis d = diagnose("mlp(depth=2, width=32)", "kaiming_normal(nonlinearity=relu)");
        assertTrue(d.loss() > 1 && d.loss() < 5, "loss at init " + d.loss());
        for (LayerStats l : d.layers()) {
            assertTrue(l.gradientNorm() > 0 && Double.isFinite(l.gradientNorm()), l.toString());
        }
        assertEquals(Math.sqrt(2.0 / 784), d.layers().get(0).weightStd(), 0.002);
    }
}
