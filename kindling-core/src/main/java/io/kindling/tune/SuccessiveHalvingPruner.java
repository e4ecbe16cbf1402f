package io.kindling.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Asynchronous successive halving (ASHA; Li et al., "A system for massively parallel hyperparameter
 * tuning", MLSys 2020), as Optuna's {@code SuccessiveHalvingPruner}. Rung k is at step {@code
 * gracePeriod · reductionFactor^(minEarlyStoppingRate + k)}. When a trial reaches a rung it records
 * its value there and goes on only if it is among the top 1/{@code reductionFactor} of the values
 * recorded at that rung so far (the first trial at a rung always goes on); otherwise it pauses
 * there. No trial waits for others.
 *
 * <p>As in the paper's ASHA (and unlike Optuna's pruner, which ends such a trial for good), a
 * paused trial is promoted later when the rung has grown so that it is among the top 1/η after all:
 * with n trials recorded at rung k, ⌊n/η⌋ of them may go on; when fewer than that have gone on and
 * a paused one ranks within the top ⌊n/η⌋, {@link #promotable} names it (the best such, from the
 * highest rung down), and the study continues it from its checkpoint.
 *
 * @param gracePeriod the step of the first rung (min_resource)
 * @param reductionFactor η: the fraction 1/η goes on at each rung (4)
 * @param minEarlyStoppingRate s: rungs begin at gracePeriod·η^s (0)
 */
public record SuccessiveHalvingPruner(
        long gracePeriod, int reductionFactor, int minEarlyStoppingRate) implements Pruner {

    public SuccessiveHalvingPruner {
        if (gracePeriod < 1 || reductionFactor < 2 || minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException(
                    "asha needs grace_period >= 1,"
                            + " reduction_factor >= 2, min_early_stopping_rate >= 0");
        }
    }

    @Override
    public Decision judge(Study study, Trial trial) {
        return judge(study, trial, t -> true, "");
    }

    /** Judges among the trials {@code peers} accepts, keeping rung values under {@code prefix}. */
    Decision judge(Study study, Trial trial, Predicate<Trial> peers, String prefix) {
        if (trial.intermediate().isEmpty()) {
            return Decision.GO_ON;
        }
        long step = trial.intermediate().lastKey();
        double value = study.direction().loss(trial.intermediate().get(step));
        int rung = 0;
        while (trial.attrs().containsKey(prefix + "rung_" + rung)) {
            rung++;
        }
        Map<String, Double> recorded = new HashMap<>();
        while (true) {
            double promotionStep =
                    gracePeriod * Math.pow(reductionFactor, minEarlyStoppingRate + rung);
            if (step < promotionStep) {
                return new Decision(false, recorded);
            }
            if (Double.isNaN(value)) {
                return new Decision(true, recorded);
            }
            String key = prefix + "rung_" + rung;
            List<Double> competing = new ArrayList<>();
            for (Trial t : study.trials()) {
                if (t.number() != trial.number() && t.attrs().containsKey(key) && peers.test(t)) {
                    competing.add(study.direction().loss(t.attrs().get(key)));
                }
            }
            competing.add(value);
            recorded.put(key, trial.intermediate().get(step));
            if (!promotable(value, competing, reductionFactor)) {
                return new Decision(true, recorded);
            }
            rung++;
        }
    }

    @Override
    public OptionalInt promotable(Study study) {
        return promotable(study, t -> true, "");
    }

    /** A paused trial among {@code peers} that may now go on past its rung, or empty. */
    OptionalInt promotable(Study study, Predicate<Trial> peers, String prefix) {
        int top = -1;
        for (Trial t : study.trials()) {
            if (peers.test(t)) {
                top = Math.max(top, highestRung(t, prefix));
            }
        }
        for (int rung = top; rung >= 0; rung--) {
            String key = prefix + "rung_" + rung;
            List<Trial> at = new ArrayList<>();
            int goneOn = 0;
            for (Trial t : study.trials()) {
                if (peers.test(t) && t.attrs().containsKey(key)) {
                    at.add(t);
                    goneOn += pausedAt(t, prefix) == rung ? 0 : 1;
                }
            }
            int slots = at.size() / reductionFactor;
            if (goneOn >= slots) {
                continue;
            }
            at.sort(
                    java.util.Comparator.comparingDouble(
                            t -> study.direction().loss(t.attrs().get(key))));
            for (Trial t : at.subList(0, slots)) {
                if (pausedAt(t, prefix) == rung) {
                    return OptionalInt.of(t.number());
                }
            }
        }
        return OptionalInt.empty();
    }

    /** The rung a PRUNED trial paused at (its highest, with a number there), else -1. */
    private static int pausedAt(Trial t, String prefix) {
        if (t.state() != TrialState.PRUNED || t.intermediate().isEmpty()) {
            return -1;
        }
        double last = t.intermediate().get(t.intermediate().lastKey());
        return Double.isNaN(last) ? -1 : highestRung(t, prefix);
    }

    private static int highestRung(Trial t, String prefix) {
        int rung = -1;
        while (t.attrs().containsKey(prefix + "rung_" + (rung + 1))) {
            rung++;
        }
        return rung;
    }

    /** Whether a loss is within the top 1/η of the rung's losses (the best always is). */
    static boolean promotable(double loss, List<Double> competing, int reductionFactor) {
        int index = competing.size() / reductionFactor - 1;
        if (index == -1) {
            index = 0;
        }
        List<Double> sorted = new ArrayList<>(competing);
        sorted.sort(Double::compare);
        return loss <= sorted.get(index);
    }

    @Override
    public String print() {
        return "asha(grace_period="
                + gracePeriod
                + ", reduction_factor="
                + reductionFactor
                + ", min_early_stopping_rate="
                + minEarlyStoppingRate
                + ")";
    }
}
