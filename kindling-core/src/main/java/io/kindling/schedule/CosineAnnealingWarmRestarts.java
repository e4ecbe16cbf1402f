package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * SGDR, cosine annealing with warm restarts, {@code
 * torch.optim.lr_scheduler.CosineAnnealingWarmRestarts}:
 *
 * <pre>    lr_k = eta_min + (base − eta_min) · (1 + cos(π·T_cur / T_i)) / 2</pre>
 *
 * where cycle {@code i} lasts {@code T_i = t_0·t_mult^i} steps and {@code T_cur} counts the steps
 * since the last restart: cycle {@code i} starts at step {@code t_0·(t_mult^i − 1)/(t_mult − 1)}
 * ({@code i·t_0} when {@code t_mult = 1}), where the value jumps back to {@code base}. The minimum
 * {@code eta_min} itself is never reached (the restart comes first), exactly as PyTorch's {@code
 * step()} without an epoch argument, whose integer bookkeeping this follows.
 *
 * <p>Loshchilov &amp; Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, ICLR 2017,
 * arXiv:1608.03983. Example: {@code cosine_warm_restarts(t_0=10, t_mult=2, eta_min=1e-5)}.
 *
 * @param t0 length of the first cycle, {@code > 0}
 * @param tMult growth factor of the cycle length, integer {@code >= 1} (default 1)
 * @param etaMin minimum value, {@code >= 0} (default 0)
 */
public record CosineAnnealingWarmRestarts(int t0, int tMult, double etaMin) implements Schedule {

    public CosineAnnealingWarmRestarts {
        Checks.require(t0 > 0, "cosine_warm_restarts t_0 must be > 0, got " + t0);
        Checks.require(tMult >= 1, "cosine_warm_restarts t_mult must be >= 1, got " + tMult);
        Checks.require(etaMin >= 0, "cosine_warm_restarts eta_min must be >= 0, got " + etaMin);
    }

    @Override
    public double value(long step, double base) {
        long tCur = Checks.step(step);
        long tI = t0;
        if (tMult == 1) {
            tCur %= t0;
        } else {
            while (tCur >= tI) {
                tCur -= tI;
                tI = Math.multiplyExact(tI, (long) tMult);
            }
        }
        return CosineAnnealingLr.cosine(tCur, tI, base, etaMin);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("cosine_warm_restarts")
                .arg("t_0", t0)
                .arg("t_mult", tMult)
                .arg("eta_min", etaMin)
                .build();
    }
}
