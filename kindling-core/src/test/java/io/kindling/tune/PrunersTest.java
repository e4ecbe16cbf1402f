package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pruning decisions on constructed learning curves. */
class PrunersTest {

    private static final SearchSpace NONE = SearchSpace.of(Map.of());

    private static TreeMap<Long, Double> curve(double... values) {
        TreeMap<Long, Double> c = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            c.put((long) i + 1, values[i]);
        }
        return c;
    }

    private static Study study(List<Trial> trials) {
        return new Study(NONE, Direction.MINIMIZE, trials);
    }

    @Test
    void medianPrunesATrialWorseThanTheMedianAtItsStepOnlyAfterFiveCompleteTrials() {
        List<Trial> done = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            done.add(Trial.withCurve(i, TrialState.COMPLETE, curve(1.0 + i, 0.5 + i, 0.2 + i)));
        }
        MedianPruner median = MedianPruner.defaults();
        // at step 2 the complete trials had 0.5, 1.5, 2.5, 3.5, 4.5: median 2.5
        Trial bad = Trial.withCurve(5, TrialState.RUNNING, curve(9, 2.6));
        Trial good = Trial.withCurve(6, TrialState.RUNNING, curve(9, 2.4));
        List<Trial> all = new ArrayList<>(done);
        all.add(bad);
        all.add(good);
        assertTrue(median.judge(study(all), bad).prune());
        assertFalse(median.judge(study(all), good).prune());
        // the best value so far counts: 0.1 at step 1 keeps a trial that is 2.6 at step 2
        Trial recovered = Trial.withCurve(7, TrialState.RUNNING, curve(0.1, 2.6));
        assertFalse(median.judge(study(all), recovered).prune());
        // four complete trials: too early to prune
        List<Trial> four = new ArrayList<>(done.subList(0, 4));
        four.add(bad);
        assertFalse(median.judge(study(four), bad).prune());
        // warm-up: nothing before step 3
        assertFalse(new MedianPruner(5, 3, 1, 1, 50).judge(study(all), bad).prune());
        assertTrue(
                median.judge(study(all), Trial.withCurve(8, TrialState.RUNNING, curve(Double.NaN)))
                        .prune());
    }

    @Test
    void percentilesInterpolateAsNumpy() {
        assertEquals(2.5, MedianPruner.percentile(List.of(4.0, 1.0, 3.0, 2.0), 50), 1e-15);
        assertEquals(1.75, MedianPruner.percentile(List.of(4.0, 1.0, 3.0, 2.0), 25), 1e-15);
    }

    @Test
    void ashaPromotesTheTopQuarterAtEachRung() {
        SuccessiveHalvingPruner asha = new SuccessiveHalvingPruner(1, 4, 0);
        List<Trial> trials = new ArrayList<>();
        // the first trial at rung 0 (step 1) always goes on
        Trial first = Trial.withCurve(0, TrialState.RUNNING, curve(0.9));
        Pruner.Decision d0 = asha.judge(study(List.of(first)), first);
        assertFalse(d0.prune());
        assertEquals(Map.of("rung_0", 0.9), d0.attrs());
        // seven trials recorded 0.1 … 0.7 at rung 0
        for (int i = 0; i < 7; i++) {
            trials.add(
                    new Trial(
                            i,
                            TrialState.COMPLETE,
                            0.1 * (i + 1),
                            Map.of(),
                            curve(0.1 * (i + 1)),
                            Map.of("rung_0", 0.1 * (i + 1)),
                            null,
                            0,
                            null,
                            null,
                            0));
        }
        // an 8th: 8 values, 8/4 - 1 = index 1, so it must be <= the 2nd best (0.2)
        Trial better = Trial.withCurve(7, TrialState.RUNNING, curve(0.15));
        Trial worse = Trial.withCurve(8, TrialState.RUNNING, curve(0.25));
        List<Trial> all = new ArrayList<>(trials);
        all.add(better);
        all.add(worse);
        assertFalse(asha.judge(study(all), better).prune());
        assertTrue(asha.judge(study(all), worse).prune());
        // between rungs (steps 2, 3) nothing is decided; rung 1 is at step 4
        Trial between =
                new Trial(
                        9,
                        TrialState.RUNNING,
                        null,
                        Map.of(),
                        curve(0.15, 5, 5),
                        Map.of("rung_0", 0.15),
                        null,
                        0,
                        null,
                        null,
                        0);
        assertFalse(asha.judge(study(all), between).prune());
    }

    @Test
    void hyperbandSpreadsTrialsOverBracketsByBudget() {
        HyperbandPruner hb = new HyperbandPruner(1, 27, 3);
        assertEquals(4, hb.brackets());
        int[] count = new int[4];
        for (int n = 0; n < 4000; n++) {
            count[hb.bracket(n)]++;
            assertEquals(hb.bracket(n), hb.bracket(n));
        }
        // budgets ceil(4·3^(3-s)/(4-s)) = 27, 12, 5, 4 of 48
        assertEquals(4000 * 27 / 48.0, count[0], 150);
        assertEquals(4000 * 4 / 48.0, count[3], 80);
    }
}
