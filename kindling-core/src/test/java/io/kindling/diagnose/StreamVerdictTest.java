package io.kindling.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The residual stream's part of a verdict, on constructed statistics. */
class StreamVerdictTest {

    private static final LayerStats.Histogram FLAT = new LayerStats.Histogram(0, 1, new long[1]);

    private static List<LayerStats> healthyLayers() {
        List<LayerStats> l = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            l.add(new LayerStats("conv" + i, i, "relu", 0, 1, 0.5, 0.8, 0, 0, 1, 0.1, FLAT));
        }
        return l;
    }

    /** A stream whose variance is multiplied by {@code growth} at each of {@code n} blocks. */
    private static List<BlockStats> stream(int n, double growth) {
        List<BlockStats> b = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            b.add(new BlockStats("block" + i, i, 0, Math.sqrt(Math.pow(growth, i - 1)), 1));
        }
        return b;
    }

    @Test
    void aStreamThatDoublesPerBlockIsExplodingWithResidualAdvice() {
        Verdict v = VerdictRules.judge(healthyLayers(), stream(20, 2));
        assertEquals("exploding", v.kind());
        assertTrue(v.evidence().get(0).contains("×2.00 per block"), v.evidence().toString());
        assertTrue(v.advice().get(0).contains("rezero"), v.advice().toString());
    }

    @Test
    void aFlatStreamKeepsTheLayersVerdict() {
        Verdict v = VerdictRules.judge(healthyLayers(), stream(20, 1));
        assertEquals("healthy", v.kind());
        assertTrue(v.evidence().get(0).contains("×1.00 per block"), v.evidence().toString());
    }

    @Test
    void growthJustUnderTheThresholdIsNotExploding() {
        // 10^4 over 19 steps would be exactly the threshold; stay below it.
        assertEquals(
                "healthy",
                VerdictRules.judge(healthyLayers(), stream(20, Math.pow(9e3, 1.0 / 19))).kind());
        assertEquals(
                "exploding",
                VerdictRules.judge(healthyLayers(), stream(20, Math.pow(1.1e4, 1.0 / 19))).kind());
    }

    @Test
    void aNonFiniteStreamNamesTheBlockWhereItBroke() {
        List<BlockStats> b = new ArrayList<>(stream(5, 2));
        b.set(3, new BlockStats("block4", 4, 0, Double.POSITIVE_INFINITY, 1));
        Verdict v = VerdictRules.judge(healthyLayers(), b);
        assertEquals("exploding", v.kind());
        assertTrue(
                v.evidence().get(0).contains("not finite after block4"), v.evidence().toString());
    }

    @Test
    void aZeroInitializedBranchEndIsNotADeadLayer() {
        List<LayerStats> layers = new ArrayList<>(healthyLayers());
        // Fixup zeroes each branch's last layer: its output is 0 for every example.
        layers.add(2, new LayerStats("block1.fc2", 3, "relu", 0, 0, 0, 0, 0, 1.0, 0, 0, FLAT));
        assertEquals("healthy", VerdictRules.judge(layers, stream(5, 1)).kind());
        layers.set(2, new LayerStats("block1.fc2", 3, "relu", 0, 0, 0, 0, 0, 1.0, 0, 0.1, FLAT));
        assertEquals("dying", VerdictRules.judge(layers, stream(5, 1)).kind());
    }

    @Test
    void modelsWithoutBlocksAreJudgedByTheirLayersAlone() {
        assertEquals(
                VerdictRules.judge(healthyLayers()),
                VerdictRules.judge(healthyLayers(), List.of()));
    }
}
