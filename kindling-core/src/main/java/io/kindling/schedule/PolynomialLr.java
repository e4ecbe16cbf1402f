package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Polynomial decay to zero, {@code torch.optim.lr_scheduler.PolynomialLR}:
 *
 * <pre>    lr_k = base · (1 − min(k, total_iters) / total_iters)^power</pre>
 *
 * reaching 0 at step {@code total_iters} and staying there. PyTorch's chainable form multiplies by
 * {@code ((1 − k/T)/(1 − (k−1)/T))^power} each step, equal to this up to rounding. Example: {@code
 * polynomial(total_iters=1000, power=2)}.
 *
 * @param totalIters steps to reach 0, {@code > 0} (default 5)
 * @param power exponent, {@code > 0} (default 1, linear decay)
 */
public record PolynomialLr(int totalIters, double power) implements Schedule {

    public PolynomialLr {
        Checks.require(totalIters > 0, "polynomial total_iters must be > 0, got " + totalIters);
        Checks.require(power > 0, "polynomial power must be > 0, got " + power);
    }

    @Override
    public double value(long step, double base) {
        long k = Math.min(totalIters, Checks.step(step));
        return base * Math.pow(1.0 - (double) k / totalIters, power);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("polynomial")
                .arg("total_iters", totalIters)
                .arg("power", power)
                .build();
    }
}
