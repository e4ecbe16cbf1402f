package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * The 1cycle policy, {@code torch.optim.lr_scheduler.OneCycleLR}: from {@code initial =
 * max_lr/div_factor} up to {@code max_lr}, then down to {@code min = initial/final_div_factor},
 * over {@code total_steps} steps. With {@code T = total_steps}, {@code p = pct_start}, the phases
 * end at (fractional) steps
 *
 * <pre>    two phases (default):  e₁ = p·T − 1 (initial→max),  e₂ = T − 1 (max→min)
 *    three_phase=true:      e₁ = p·T − 1 (initial→max),  e₂ = 2p·T − 2 (max→initial),
 *                           e₃ = T − 1 (initial→min)</pre>
 *
 * and within the phase {@code [s, e]} holding step {@code k} (the first with {@code k ≤ e}, or the
 * last), with {@code t = (k − s)/(e − s)},
 *
 * <pre>    cos:    lr_k = end + (start − end)/2 · (1 + cos(π·t))
 *    linear: lr_k = start + (end − start) · t</pre>
 *
 * The value ignores the optimizer's own lr ({@code base} in {@link #value}), as PyTorch sets it
 * from {@code max_lr}. Like PyTorch, it is defined for {@code k ≤ total_steps}: the updates use
 * steps {@code 0 … T−1}, and step {@code T} (after the last update) extrapolates the last phase
 * past {@code min} (for {@code linear}, slightly below it, possibly negative). Later steps are an
 * error, as in PyTorch. Momentum cycling is not part of this schedule.
 *
 * <p>Smith &amp; Topin, Super-Convergence, 2018, arXiv:1708.07120 (the default two-phase form
 * follows fastai). Example: {@code onecycle(max_lr=0.1, total_steps=10000)}.
 *
 * @param maxLr peak value, {@code > 0}
 * @param totalSteps number of steps in the cycle, {@code > 0}
 * @param pctStart fraction of the steps spent rising, in (0, 1), with {@code pct_start·total_steps
 *     > 1} (default 0.3)
 * @param annealStrategy {@code cos} (default) or {@code linear}
 * @param divFactor {@code initial = max_lr/div_factor}, {@code > 0} (default 25)
 * @param finalDivFactor {@code min = initial/final_div_factor}, {@code > 0} (default 1e4)
 * @param threePhase the paper's symmetric three-phase form (default false)
 */
public record OneCycleLr(
        double maxLr,
        int totalSteps,
        double pctStart,
        String annealStrategy,
        double divFactor,
        double finalDivFactor,
        boolean threePhase)
        implements Schedule {

    public OneCycleLr {
        Checks.require(maxLr > 0, "onecycle max_lr must be > 0, got " + maxLr);
        Checks.require(totalSteps > 0, "onecycle total_steps must be > 0, got " + totalSteps);
        Checks.require(
                pctStart > 0 && pctStart < 1,
                "onecycle pct_start must be in (0, 1), got " + pctStart);
        String phases = phaseProblem(totalSteps, pctStart, threePhase);
        Checks.require(phases == null, "onecycle " + phases);
        Checks.require(
                annealStrategy.equals("cos") || annealStrategy.equals("linear"),
                "onecycle anneal_strategy must be cos or linear, got " + annealStrategy);
        Checks.require(divFactor > 0, "onecycle div_factor must be > 0, got " + divFactor);
        Checks.require(
                finalDivFactor > 0, "onecycle final_div_factor must be > 0, got " + finalDivFactor);
    }

    /**
     * Why these phases would be empty (PyTorch would divide by zero or never reach the minimum), or
     * null when they are fine.
     */
    static String phaseProblem(int totalSteps, double pctStart, boolean threePhase) {
        if (!(pctStart * totalSteps > 1)) {
            return "pct_start·total_steps must be > 1 (got "
                    + Checks.fmt(pctStart)
                    + "·"
                    + totalSteps
                    + ") for a non-empty warm-up phase";
        }
        if (threePhase && !(2 * pctStart * totalSteps - 2 < totalSteps - 1)) {
            return "three_phase=true needs pct_start < "
                    + Checks.fmt((totalSteps + 1) / (2.0 * totalSteps))
                    + " (2·pct_start·total_steps − 2 < total_steps − 1) for a non-empty third"
                    + " phase";
        }
        return null;
    }

    /** {@code max_lr / div_factor}, the value at step 0. */
    public double initialLr() {
        return maxLr / divFactor;
    }

    /** {@code initial_lr / final_div_factor}, the value at the end of the cycle. */
    public double minLr() {
        return initialLr() / finalDivFactor;
    }

    @Override
    public double value(long step, double base) {
        long k = Checks.step(step);
        if (k > totalSteps) {
            throw new IllegalArgumentException(
                    "onecycle with total_steps="
                            + totalSteps
                            + " is defined for steps 0.."
                            + totalSteps
                            + ", got step "
                            + k
                            + "; raise total_steps to cover the run");
        }
        double initial = initialLr();
        double min = minLr();
        double[] ends;
        double[] from;
        double[] to;
        if (threePhase) {
            ends =
                    new double[] {
                        pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1
                    };
            from = new double[] {initial, maxLr, initial};
            to = new double[] {maxLr, initial, min};
        } else {
            ends = new double[] {pctStart * totalSteps - 1, totalSteps - 1};
            from = new double[] {initial, maxLr};
            to = new double[] {maxLr, min};
        }
        double start = 0;
        for (int i = 0; ; i++) {
            double end = ends[i];
            if (k <= end || i == ends.length - 1) {
                double pct = (k - start) / (end - start);
                return anneal(from[i], to[i], pct);
            }
            start = end;
        }
    }

    private double anneal(double start, double end, double pct) {
        if (annealStrategy.equals("linear")) {
            return (end - start) * pct + start;
        }
        double cosOut = Math.cos(Math.PI * pct) + 1;
        return end + (start - end) / 2.0 * cosOut;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("onecycle")
                .arg("max_lr", maxLr)
                .arg("total_steps", totalSteps)
                .arg("pct_start", pctStart)
                .arg("anneal_strategy", annealStrategy)
                .arg("div_factor", divFactor)
                .arg("final_div_factor", finalDivFactor)
                .arg("three_phase", threePhase)
                .build();
    }
}
