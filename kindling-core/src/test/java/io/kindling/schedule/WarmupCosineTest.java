package io.kindling.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code warmup_cosine} against its formula written out here, and against the composition {@code
 * sequential([linear(start_factor=1/w, total_iters=w), cosine(t_max=T−w, eta_min)],
 * milestones=[w])}, whose PyTorch counterpart (SequentialLR of LinearLR and CosineAnnealingLR) is
 * also in {@code schedules.json}.
 */
class WarmupCosineTest {

    /**
     * The formula: for {@code k < w}, {@code base·(w + (w−1)·k)/w²} (linear from base/w at 0 to
     * base at w); for {@code w ≤ k ≤ T}, {@code eta_min + (base − eta_min)·½(1 +
     * cos(π(k−w)/(T−w)))}; for {@code k > T}, {@code eta_min}.
     */
    static double formula(long k, int w, int t, double etaMin, double base) {
        if (k < w) {
            return base * (w + (w - 1.0) * k) / ((double) w * w);
        }
        if (k <= t) {
            return etaMin + (base - etaMin) * 0.5 * (1 + Math.cos(Math.PI * (k - w) / (t - w)));
        }
        return etaMin;
    }

    @ParameterizedTest(name = "warmup_steps={0}, total_steps={1}, eta_min={2}")
    @CsvSource({
        "5, 50, 0",
        "10, 100, 0.001",
        "1, 20, 0.005",
        "0, 30, 0",
        "7, 8, 0.01",
        "500, 10000, 1e-5"
    })
    void matchesItsFormula(int w, int t, double etaMin) {
        double base = 0.1;
        Schedule s =
                Schedules.REGISTRY.parse(
                        "warmup_cosine(warmup_steps="
                                + w
                                + ", total_steps="
                                + t
                                + ", eta_min="
                                + etaMin
                                + ")");
        for (long k = 0; k <= t + 50; k++) {
            double want = formula(k, w, t, etaMin, base);
            double got = s.value(k, base);
            assertEquals(want, got, 1e-12 * Math.abs(want), "step " + k);
        }
        assertEquals(w == 0 ? base : base / w, s.value(0, base), 1e-15, "starts at base/w");
        assertEquals(base, s.value(w, base), 1e-15, "reaches base at w");
        assertEquals(etaMin, s.value(t, base), 1e-15, "reaches eta_min at T");
        assertEquals(etaMin, s.value(t + 1, base), 0.0, "then holds it");
        assertEquals(etaMin, s.value(100L * t, base), 0.0, "for good");
    }

    @ParameterizedTest(name = "warmup_steps={0}, total_steps={1}, eta_min={2}")
    @CsvSource({"5, 50, 0", "10, 100, 0.001", "1, 20, 0.005", "3, 40, 0.0"})
    void equalsLinearThenCosineUpToTotalSteps(int w, int t, double etaMin) {
        double base = 0.1;
        Schedule s = new WarmupCosine(w, t, etaMin);
        Schedule composed =
                new SequentialLr(
                        List.of(
                                new LinearLr(1.0 / w, 1.0, w),
                                new CosineAnnealingLr(t - w, etaMin)),
                        List.of(w));
        for (long k = 0; k <= t; k++) {
            assertEquals(
                    composed.value(k, base),
                    s.value(k, base),
                    1e-12 * Math.abs(s.value(k, base)),
                    "step " + k);
        }
        assertTrue(
                composed.value(t + 5, base) > s.value(t + 5, base),
                "after total_steps the composition's cosine rises again; warmup_cosine holds");
    }

    @Test
    void risesThenFallsMonotonically() {
        Schedule s = new WarmupCosine(20, 200, 1e-4);
        for (long k = 1; k <= 20; k++) {
            assertTrue(s.value(k, 1) > s.value(k - 1, 1), "warm-up rises at " + k);
        }
        for (long k = 21; k <= 200; k++) {
            assertTrue(s.value(k, 1) < s.value(k - 1, 1), "cosine falls at " + k);
        }
    }

    @Test
    void withoutWarmupItIsCosineAnnealing() {
        Schedule s = new WarmupCosine(0, 30, 0.002);
        Schedule cosine = new CosineAnnealingLr(30, 0.002);
        for (long k = 0; k <= 30; k++) {
            assertEquals(cosine.value(k, 0.1), s.value(k, 0.1), 0.0, "step " + k);
        }
    }
}
