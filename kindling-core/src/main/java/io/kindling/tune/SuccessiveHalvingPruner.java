package io.kindling.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Asynchronous successive halving (ASHA; Li et al., "A system for massively parallel hyperparameter
 * tuning", MLSys 2020), as Optuna's {@code SuccessiveHalvingPruner}. Rung k is at step {@code
 * gracePeriod · reductionFactor^(minEarlyStoppingRate + k)}. When a trial reaches a rung it records
 * its value there and goes on only if it is among the top 1/{@code reductionFactor} of the values
 * recorded at that rung so far (the first trial at a rung always goes on); otherwise it stops. No
 * trial waits for others.
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
