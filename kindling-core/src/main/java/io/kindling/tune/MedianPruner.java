package io.kindling.tune;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stops a trial whose best intermediate value so far is worse than the median of the complete
 * trials' values at the same step — Optuna's {@code MedianPruner} (a 50th-percentile {@code
 * PercentilePruner}) with its defaults: nothing is pruned before {@code startup} trials are
 * complete, nor before step {@code warmup}; only the first report in each {@code interval} of steps
 * is judged; at least {@code minTrials} complete trials must have a value at the step. Percentiles
 * interpolate linearly, as numpy's. The median stopping rule is Golovin et al., "Google Vizier",
 * KDD 2017.
 *
 * @param startup complete trials before pruning starts (5)
 * @param warmup steps before a trial can be pruned (0)
 * @param interval judge one step in this many (1)
 * @param minTrials complete trials that must have reached the step (1)
 * @param percentile the percentile that a trial must beat (50)
 */
public record MedianPruner(int startup, int warmup, int interval, int minTrials, double percentile)
        implements Pruner {

    /** Optuna's defaults. */
    public static MedianPruner defaults() {
        return new MedianPruner(5, 0, 1, 1, 50);
    }

    @Override
    public Decision judge(Study study, Trial trial) {
        List<Trial> complete = study.in(TrialState.COMPLETE);
        if (complete.isEmpty() || complete.size() < startup || trial.intermediate().isEmpty()) {
            return Decision.GO_ON;
        }
        long step = trial.intermediate().lastKey();
        if (step < warmup || !firstInInterval(step, trial.intermediate().keySet())) {
            return Decision.GO_ON;
        }
        double best = best(trial.intermediate().values(), study.direction());
        if (Double.isNaN(best)) {
            return Decision.STOP;
        }
        List<Double> atStep = new ArrayList<>();
        for (Trial t : complete) {
            Double v = t.intermediate().get(step);
            if (v != null && !Double.isNaN(v)) {
                atStep.add(study.direction().loss(v));
            }
        }
        if (atStep.size() < minTrials || atStep.isEmpty()) {
            return Decision.GO_ON;
        }
        // for maximizing, the (100 − p)th percentile of the values is the pth of the losses
        double threshold = percentile(atStep, percentile);
        return study.direction().loss(best) > threshold ? Decision.STOP : Decision.GO_ON;
    }

    private boolean firstInInterval(long step, Collection<Long> steps) {
        long nearestLower = (step - warmup) / interval * interval + warmup;
        List<Long> sorted = new ArrayList<>(steps);
        long secondLast = sorted.size() >= 2 ? sorted.get(sorted.size() - 2) : -1;
        return secondLast < nearestLower;
    }

    private static double best(Collection<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double v : values) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || direction.better(v, best))) {
                best = v;
            }
        }
        return best;
    }

    /** numpy's linear-interpolation percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        double rank = p / 100 * (s.size() - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return s.get(lo) + (rank - lo) * (s.get(hi) - s.get(lo));
    }

    @Override
    public String print() {
        return "median(startup="
                + startup
                + ", warmup="
                + warmup
                + ", interval="
                + interval
                + ", min_trials="
                + minTrials
                + ")";
    }
}
