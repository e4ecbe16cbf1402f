package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Cosine annealing, {@code torch.optim.lr_scheduler.CosineAnnealingLR}:
 *
 * <pre>    lr_k = eta_min + (base − eta_min) · (1 + cos(π·k / t_max)) / 2</pre>
 *
 * from {@code base} at step 0 down to {@code eta_min} at step {@code t_max}. Like PyTorch it does
 * not stop there: the cosine continues, back up to {@code base} at {@code 2·t_max}, and so on
 * (period {@code 2·t_max}); use {@code warmup_cosine} or {@code sequential} to hold the minimum
 * instead. PyTorch computes the chainable form {@code lr_k = eta_min + (lr_{k−1} − eta_min)·(1 +
 * cos(πk/T))/(1 + cos(π(k−1)/T))} (with an additive step at {@code k = (2j+1)T + 1}), which equals
 * this closed form up to rounding (about {@code k·1e-16} relative; tested to 1e-9 over several
 * periods).
 *
 * <p>Loshchilov &amp; Hutter, SGDR, ICLR 2017, arXiv:1608.03983 (the annealing part, without
 * restarts). Example: {@code cosine(t_max=100, eta_min=1e-5)}.
 *
 * @param tMax half-period in steps, {@code >= 1}
 * @param etaMin minimum value, {@code >= 0} (default 0)
 */
public record CosineAnnealingLr(int tMax, double etaMin) implements Schedule {

    public CosineAnnealingLr {
        Checks.require(tMax >= 1, "cosine t_max must be >= 1, got " + tMax);
        Checks.require(etaMin >= 0, "cosine eta_min must be >= 0, got " + etaMin);
    }

    @Override
    public double value(long step, double base) {
        return cosine(Checks.step(step), tMax, base, etaMin);
    }

    /**
     * {@code eta_min + (base − eta_min)(1 + cos(π·t/period))/2}, in PyTorch's order of operations.
     */
    static double cosine(long t, long period, double base, double etaMin) {
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("cosine").arg("t_max", tMax).arg("eta_min", etaMin).build();
    }
}
