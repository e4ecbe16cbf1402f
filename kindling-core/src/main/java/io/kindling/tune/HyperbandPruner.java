package io.kindling.tune;

import java.util.OptionalInt;

/**
 * Hyperband (Li et al., "Hyperband: a novel bandit-based approach to hyperparameter optimization",
 * JMLR 2018) over asynchronous successive halving, as Optuna's {@code HyperbandPruner}: brackets s
 * = 0 … S−1 (S = ⌊log_η(max/min)⌋ + 1) run successive halving with early-stopping rate s, so
 * bracket 0 prunes aggressively from the grace period on and the last bracket hardly prunes. Each
 * trial joins one bracket, drawn from its number in proportion to the bracket's budget
 * ⌈S·η^(S−1−s)/(S−s)⌉, and competes only with its bracket.
 *
 * @param minResource the grace period of bracket 0
 * @param maxResource the step a trial ends at (e.g. the number of epochs)
 * @param reductionFactor η (3)
 */
public record HyperbandPruner(long minResource, long maxResource, int reductionFactor)
        implements Pruner {

    public HyperbandPruner {
        if (minResource < 1 || maxResource < minResource || reductionFactor < 2) {
            throw new IllegalArgumentException(
                    "hyperband needs 1 <= min_resource <="
                            + " max_resource and reduction_factor >= 2");
        }
    }

    /** How many brackets. */
    public int brackets() {
        return (int)
                        Math.floor(
                                Math.log((double) maxResource / minResource)
                                                / Math.log(reductionFactor)
                                        + 1e-9)
                + 1;
    }

    /** The bracket of trial {@code number}. */
    public int bracket(int number) {
        int n = brackets();
        long[] budgets = new long[n];
        long total = 0;
        for (int s = 0; s < n; s++) {
            budgets[s] = (long) Math.ceil(n * Math.pow(reductionFactor, n - 1 - s) / (n - s));
            total += budgets[s];
        }
        long h =
                Math.floorMod(
                        new java.util.SplittableRandom(number * 0x9E3779B97F4A7C15L).nextLong(),
                        total);
        for (int s = 0; s < n; s++) {
            if (h < budgets[s]) {
                return s;
            }
            h -= budgets[s];
        }
        return n - 1;
    }

    @Override
    public Decision judge(Study study, Trial trial) {
        int b = bracket(trial.number());
        Decision d =
                new SuccessiveHalvingPruner(minResource, reductionFactor, b)
                        .judge(study, trial, t -> bracket(t.number()) == b, "bracket_" + b + "_");
        return d;
    }

    @Override
    public OptionalInt promotable(Study study) {
        for (int b = brackets() - 1; b >= 0; b--) {
            int bracket = b;
            OptionalInt t =
                    new SuccessiveHalvingPruner(minResource, reductionFactor, bracket)
                            .promotable(
                                    study,
                                    x -> bracket(x.number()) == bracket,
                                    "bracket_" + bracket + "_");
            if (t.isPresent()) {
                return t;
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public String print() {
        return "hyperband(min_resource="
                + minResource
                + ", max_resource="
                + maxResource
                + ", reduction_factor="
                + reductionFactor
                + ")";
    }
}
