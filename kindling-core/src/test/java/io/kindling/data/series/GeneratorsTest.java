package io.kindling.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    @Test
    void sinesAreTheSameForASeedAndDifferAcrossSeeds() {
        double[] a = new Sines(500, List.of(24.0, 100.0), 0.1, 7).read().values();
        assertArrayEquals(a, new Sines(500, List.of(24.0, 100.0), 0.1, 7).read().values());
        assertFalse(Arrays.equals(a, new Sines(500, List.of(24.0, 100.0), 0.1, 8).read().values()));
    }

    @Test
    void noiselessSinesRepeatExactlyAfterTheirCommonPeriod() {
        double[] x = new Sines(300, List.of(12.0, 20.0), 0, 1).read().values();
        for (int t = 60; t < x.length; t++) {
            assertEquals(x[t - 60], x[t], 1e-9, "t=" + t);
        }
        double max = Arrays.stream(x).max().orElseThrow();
        assertTrue(max > 1.5 && max <= 2, "two unit sines peak below 2: " + max);
    }

    @Test
    void noiseHasTheStdAsked() {
        double[] clean = new Sines(20000, List.of(10.0), 0, 3).read().values();
        double[] noisy = new Sines(20000, List.of(10.0), 0.5, 3).read().values();
        double ss = 0;
        for (int t = 0; t < clean.length; t++) {
            // the phase is drawn first, so both share it and differ by the noise alone
            ss += (noisy[t] - clean[t]) * (noisy[t] - clean[t]);
        }
        // std of the sample std of 20000 normals ≈ 0.5/sqrt(40000) = 0.0025; 4 SE
        assertEquals(0.5, Math.sqrt(ss / clean.length), 0.01);
    }

    @Test
    void mackeyGlassIsChaoticWithinItsKnownRange() {
        double[] x = new MackeyGlass(3000, 17, 1, 0).read().values();
        double min = Arrays.stream(x).min().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        // The τ = 17 attractor spans about [0.2, 1.4] (e.g. Gers et al. 2001's plots).
        assertTrue(min > 0.15 && min < 0.5, "min " + min);
        assertTrue(max > 1.1 && max < 1.45, "max " + max);
        // chaotic, not periodic: no lag from 10 to 200 repeats the series (shorter lags are
        // close because the series is smooth at one sample per time unit)
        for (int lag = 10; lag <= 200; lag++) {
            double d = 0;
            for (int t = lag; t < x.length; t++) {
                d = Math.max(d, Math.abs(x[t] - x[t - lag]));
            }
            assertTrue(d > 0.1, "lag " + lag + " repeats the series within " + d);
        }
    }

    @Test
    void mackeyGlassIsTheSameForASeedAndDiffersAcrossSeeds() {
        double[] a = new MackeyGlass(800, 17, 1, 4).read().values();
        assertArrayEquals(a, new MackeyGlass(800, 17, 1, 4).read().values());
        assertFalse(Arrays.equals(a, new MackeyGlass(800, 17, 1, 5).read().values()));
    }

    @Test
    void mackeyGlassWithAShortDelaySettlesToAFixedPoint() {
        // τ = 2 is below the Hopf bifurcation (≈ 4.5): x(t) → 1, the root of β/(1+xⁿ) = γ.
        double[] x = new MackeyGlass(200, 2, 1, 0).read().values();
        assertEquals(1.0, x[199], 1e-6);
    }
}
