package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Exponential decay, {@code torch.optim.lr_scheduler.ExponentialLR}:
 *
 * <pre>    lr_k = base · gamma^k</pre>
 *
 * PyTorch multiplies by {@code gamma} at every step (its chainable form); the closed form computed
 * here agrees with it to about {@code k·1e-16} relative. Example: {@code exponential(gamma=0.95)}.
 *
 * @param gamma multiplicative factor per step, {@code > 0}
 */
public record ExponentialLr(double gamma) implements Schedule {

    public ExponentialLr {
        Checks.require(gamma > 0, "exponential gamma must be > 0, got " + gamma);
    }

    @Override
    public double value(long step, double base) {
        return base * Math.pow(gamma, Checks.step(step));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("exponential").arg("gamma", gamma).build();
    }
}
