package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Linear ramp of the multiplier, {@code torch.optim.lr_scheduler.LinearLR}:
 *
 * <pre>
 *     lr_k = base · (start_factor + (end_factor − start_factor) · min(k, total_iters) / total_iters)
 * </pre>
 *
 * from {@code base·start_factor} at step 0 to {@code base·end_factor} at step {@code total_iters},
 * then flat. PyTorch's chainable form multiplies by {@code 1 + (e−s)/(T·s + (k−1)(e−s))} each step,
 * equal to this up to rounding. Used for linear warm-up (Goyal et al. 2017, arXiv:1706.02677).
 * Example: {@code linear(start_factor=0.1, total_iters=500)}.
 *
 * @param startFactor multiplier at step 0, in (0, 1] (default 1/3; PyTorch's chainable form divides
 *     by it, so 0 is refused)
 * @param endFactor multiplier from step {@code total_iters} on, in [0, 1] (default 1)
 * @param totalIters length of the ramp, {@code > 0} (default 5)
 */
public record LinearLr(double startFactor, double endFactor, int totalIters) implements Schedule {

    public LinearLr {
        Checks.require(
                startFactor > 0 && startFactor <= 1,
                "linear start_factor must be in (0, 1], got " + startFactor);
        Checks.require(
                endFactor >= 0 && endFactor <= 1,
                "linear end_factor must be in [0, 1], got " + endFactor);
        Checks.require(totalIters > 0, "linear total_iters must be > 0, got " + totalIters);
    }

    @Override
    public double value(long step, double base) {
        long k = Math.min(totalIters, Checks.step(step));
        return base * (startFactor + (endFactor - startFactor) * k / totalIters);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("linear")
                .arg("start_factor", startFactor)
                .arg("end_factor", endFactor)
                .arg("total_iters", totalIters)
                .build();
    }
}
