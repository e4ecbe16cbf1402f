package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Linear warm-up, then cosine decay, then flat. With {@code w = warmup_steps}, {@code T =
 * total_steps}:
 *
 * <pre>    lr_k = base · (1/w + (1 − 1/w) · k/w)                              for k &lt; w
 *    lr_k = eta_min + (base − eta_min) · (1 + cos(π·(k − w)/(T − w))) / 2   for w ≤ k ≤ T
 *    lr_k = eta_min                                                      for k &gt; T</pre>
 *
 * so the warm-up rises linearly from {@code base/w} at step 0 to {@code base} at step {@code w},
 * and the cosine reaches {@code eta_min} at step {@code T} and stays there. {@code warmup_steps=0}
 * is plain cosine decay from {@code base}. For {@code k ≤ T} this is exactly the PyTorch
 * composition {@code SequentialLR([LinearLR(start_factor=1/w, total_iters=w),
 * CosineAnnealingLR(T_max=T−w, eta_min)], milestones=[w])}, i.e. {@code
 * sequential(schedules=[linear(start_factor=1/w, total_iters=w), cosine(t_max=T−w, eta_min=…)],
 * milestones=[w])} (tested against both); after {@code T} the composition's cosine would rise
 * again, this one holds {@code eta_min}.
 *
 * <p>Warm-up: Goyal et al., Accurate, Large Minibatch SGD, 2017, arXiv:1706.02677; cosine:
 * Loshchilov &amp; Hutter, SGDR, ICLR 2017, arXiv:1608.03983. Example: {@code
 * warmup_cosine(warmup_steps=500, total_steps=10000, eta_min=1e-5)}.
 *
 * @param warmupSteps {@code w >= 0}
 * @param totalSteps {@code T > w}
 * @param etaMin final value, {@code >= 0} (default 0)
 */
public record WarmupCosine(int warmupSteps, int totalSteps, double etaMin) implements Schedule {

    public WarmupCosine {
        Checks.require(
                warmupSteps >= 0, "warmup_cosine warmup_steps must be >= 0, got " + warmupSteps);
        Checks.require(
                totalSteps > warmupSteps,
                "warmup_cosine total_steps must be >"
                        + " warmup_steps="
                        + warmupSteps
                        + ", got "
                        + totalSteps);
        Checks.require(etaMin >= 0, "warmup_cosine eta_min must be >= 0, got " + etaMin);
    }

    @Override
    public double value(long step, double base) {
        long k = Checks.step(step);
        if (k < warmupSteps) {
            double start = 1.0 / warmupSteps;
            return base * (start + (1.0 - start) * k / warmupSteps);
        }
        if (k > totalSteps) {
            return etaMin;
        }
        return CosineAnnealingLr.cosine(k - warmupSteps, totalSteps - warmupSteps, base, etaMin);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("warmup_cosine")
                .arg("warmup_steps", warmupSteps)
                .arg("total_steps", totalSteps)
                .arg("eta_min", etaMin)
                .build();
    }
}
