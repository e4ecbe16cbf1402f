package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * A constant multiplier for the first steps, {@code torch.optim.lr_scheduler.ConstantLR}:
 *
 * <pre>    lr_k = base · factor   for k &lt; total_iters,
 *    lr_k = base            for k ≥ total_iters.</pre>
 *
 * A crude warm-up. Example: {@code constant(factor=0.5, total_iters=100)}.
 *
 * @param factor multiplier before {@code total_iters}, in (0, 1] (default 1/3; PyTorch's chainable
 *     form divides by it at {@code total_iters}, so 0 is refused)
 * @param totalIters number of steps at the reduced value, {@code > 0} (default 5)
 */
public record ConstantLr(double factor, int totalIters) implements Schedule {

    public ConstantLr {
        Checks.require(
                factor > 0 && factor <= 1, "constant factor must be in (0, 1], got " + factor);
        Checks.require(totalIters > 0, "constant total_iters must be > 0, got " + totalIters);
    }

    @Override
    public double value(long step, double base) {
        return Checks.step(step) < totalIters ? base * factor : base;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("constant")
                .arg("factor", factor)
                .arg("total_iters", totalIters)
                .build();
    }
}
