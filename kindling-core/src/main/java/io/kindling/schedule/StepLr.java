package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Step decay, {@code torch.optim.lr_scheduler.StepLR}: multiply by {@code gamma} every {@code
 * step_size} steps,
 *
 * <pre>    lr_k = base · gamma^⌊k / step_size⌋</pre>
 *
 * (PyTorch multiplies recursively at every multiple of {@code step_size}; the two agree to
 * rounding). Example: {@code step(step_size=30, gamma=0.1)}.
 *
 * @param stepSize period of the decay, {@code > 0}
 * @param gamma multiplicative factor, {@code > 0} (PyTorch default 0.1)
 */
public record StepLr(int stepSize, double gamma) implements Schedule {

    public StepLr {
        Checks.require(stepSize > 0, "step step_size must be > 0, got " + stepSize);
        Checks.require(gamma > 0, "step gamma must be > 0, got " + gamma);
    }

    @Override
    public double value(long step, double base) {
        // floor(step / step_size), as torch's StepLR
        return base * Math.pow(gamma, (double) Math.floorDiv(Checks.step(step), stepSize));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("step").arg("step_size", stepSize).arg("gamma", gamma).build();
    }
}
