package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Successive halving pauses a trial at a rung rather than ending it, and promotes it when the rung
 * has grown so that it ranks in the top 1/η after all; the study then continues it from where it
 * stopped.
 */
class PromotionTest {

    private static final SearchSpace X =
            SearchSpace.parse(Map.of("x", "float(low=0, high=1)"), List.of("x"));

    /** A trial paused at the last rung it recorded, with a constant curve of {@code value}. */
    private static Trial paused(int number, double value, int rungs) {
        TreeMap<Long, Double> curve = new TreeMap<>();
        Map<String, Double> attrs = new java.util.HashMap<>();
        for (int k = 0; k < rungs; k++) {
            curve.put((long) Math.pow(2, k), value);
            attrs.put("rung_" + k, value);
        }
        return Trial.withCurve(number, TrialState.PRUNED, curve).withAttrs(attrs);
    }

    /** A sampler that gives trial i the value {@code values[i]} of parameter {@code name}. */
    static Sampler scripted(String name, double[] values) {
        return new Sampler() {
            @Override
            public Map<String, Double> sample(Study study, int number) {
                return Map.of(name, values[number]);
            }

            @Override
            public String print() {
                return "scripted";
            }
        };
    }

    @Test
    void aPausedTrialIsPromotedOnlyWhenTheRungHasRoomForItAndItRanksThere() {
        SuccessiveHalvingPruner asha = new SuccessiveHalvingPruner(1, 2, 0);
        Trial first = paused(0, 0.1, 1).with(TrialState.COMPLETE, 0.1); // went on
        List<Trial> trials = new ArrayList<>(List.of(first, paused(1, 0.3, 1)));
        Study two = new Study(X, Direction.MINIMIZE, trials);
        assertEquals(OptionalInt.empty(), asha.promotable(two), "2 at the rung: 1 may go on");
        trials.add(paused(2, 0.5, 1));
        trials.add(paused(3, 0.2, 1));
        // 4 at the rung: 2 may go on, 1 has; the best paused one (#3, 0.2) goes next
        Study four = new Study(X, Direction.MINIMIZE, trials);
        assertEquals(OptionalInt.of(3), asha.promotable(four));
        assertEquals(
                OptionalInt.of(2),
                asha.promotable(new Study(X, Direction.MAXIMIZE, trials)),
                "maximizing, #2 (0.5) ranks first of the paused ones");
        trials.set(3, paused(3, 0.2, 1).with(TrialState.RUNNING, null));
        assertEquals(
                OptionalInt.empty(),
                asha.promotable(new Study(X, Direction.MINIMIZE, trials)),
                "a trial promoted (running again) fills the second slot");
        Trial nan = Trial.withCurve(4, TrialState.PRUNED, new TreeMap<>(Map.of(1L, Double.NaN)));
        trials.add(nan);
        assertEquals(
                OptionalInt.empty(), asha.promotable(new Study(X, Direction.MINIMIZE, trials)));
    }

    @Test
    void hyperbandPromotesWithinABracketOnly() {
        HyperbandPruner hyperband = new HyperbandPruner(1, 4, 2);
        List<Integer> bracket0 = new ArrayList<>();
        int other = -1;
        for (int n = 0; bracket0.size() < 4 || other < 0; n++) {
            if (hyperband.bracket(n) == 0 && bracket0.size() < 4) {
                bracket0.add(n);
            } else if (hyperband.bracket(n) != 0 && other < 0) {
                other = n;
            }
        }
        double[] values = {0.1, 0.3, 0.5, 0.4};
        List<Trial> trials = new ArrayList<>();
        int size = Math.max(other, bracket0.get(3)) + 1;
        for (int n = 0; n < size; n++) {
            trials.add(Trial.withCurve(n, TrialState.RUNNING, new TreeMap<>()));
        }
        for (int k = 0; k < 4; k++) {
            int n = bracket0.get(k);
            Trial t =
                    Trial.withCurve(n, TrialState.PRUNED, new TreeMap<>(Map.of(1L, values[k])))
                            .withAttrs(Map.of("bracket_0_rung_0", values[k]));
            trials.set(n, k == 0 ? t.with(TrialState.COMPLETE, values[k]) : t);
        }
        // a better paused trial of another bracket does not compete in bracket 0
        int b = hyperband.bracket(other);
        trials.set(
                other,
                Trial.withCurve(other, TrialState.PRUNED, new TreeMap<>(Map.of(1L, 0.01)))
                        .withAttrs(Map.of("bracket_" + b + "_rung_0", 0.01)));
        assertEquals(
                OptionalInt.of(bracket0.get(1)),
                hyperband.promotable(new Study(X, Direction.MINIMIZE, trials)),
                "4 in bracket 0 at its rung: 2 may go on, 1 has, #" + bracket0.get(1) + " next");
    }

    @Test
    void theStudyContinuesAPromotedTrialFromItsLastStep() {
        // values per trial; each trial's curve is flat; 2 epochs, rungs at steps 1 and 2
        double[] values = {0.1, 0.3, 0.5, 0.4};
        List<String> calls = new ArrayList<>();
        Objective flat =
                new Objective() {
                    @Override
                    public Outcome evaluate(TrialRun trial) {
                        double v = trial.params().get("x");
                        long from = trial.resumed() ? 2 : 1;
                        calls.add("#" + trial.number() + " from " + from);
                        for (long step = from; step <= 2; step++) {
                            if (trial.report(step, v)) {
                                return Outcome.pruned(v);
                            }
                        }
                        return Outcome.complete(v);
                    }

                    @Override
                    public boolean resumable() {
                        return true;
                    }
                };
        Sampler scripted = scripted("x", values);
        Study s =
                Tuner.run(
                        new MemoryStore(X, Direction.MINIMIZE),
                        scripted,
                        new SuccessiveHalvingPruner(1, 2, 0),
                        flat,
                        new Tuner.Settings(4, 60_000, null));
        // #1 (0.3) paused at step 1; when #3 (0.4) lands there too, 2 of 4 may go on: #1 resumes
        assertEquals(
                List.of("#0 from 1", "#1 from 1", "#2 from 1", "#3 from 1", "#1 from 2"), calls);
        Trial promoted = s.trials().get(1);
        assertEquals(Map.of(1L, 0.3, 2L, 0.3), promoted.intermediate());
        assertEquals(TrialState.PRUNED, promoted.state(), "at step 2 only #0 goes on");
        assertTrue(promoted.attrs().containsKey("rung_1"));
        assertEquals(4, s.trials().size(), "a promotion is no new trial");
    }

    @Test
    void anObjectiveThatCannotResumeKeepsPrunedTrialsPruned() {
        Objective once =
                trial -> {
                    double v = trial.params().get("x");
                    return trial.report(1, v)
                            ? Objective.Outcome.pruned(v)
                            : Objective.Outcome.complete(v);
                };
        Study s =
                Tuner.run(
                        new MemoryStore(X, Direction.MINIMIZE),
                        new RandomSampler(3),
                        new SuccessiveHalvingPruner(1, 2, 0),
                        once,
                        new Tuner.Settings(8, 60_000, null));
        assertEquals(8, s.trials().size());
        assertTrue(s.in(TrialState.PRUNED).size() >= 3, s.trials().toString());
        assertTrue(s.trials().stream().allMatch(t -> t.intermediate().size() == 1));
    }
}
