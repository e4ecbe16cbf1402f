package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * Cyclical learning rate, {@code torch.optim.lr_scheduler.CyclicLR}: a triangle wave between {@code
 * base_lr} and {@code max_lr}, rising for {@code step_size_up} steps and falling for {@code
 * step_size_down}. With {@code L = up + down}, {@code r = up / L},
 *
 * <pre>    cycle = ⌊1 + k/L⌋,   x = 1 + k/L − cycle,
 *    s = x / r  if x ≤ r,   else (x − 1)/(r − 1),
 *    lr_k = base_lr + (max_lr − base_lr) · s · scale,</pre>
 *
 * where {@code scale} is 1 ({@code triangular}), {@code 1/2^(cycle−1)} ({@code triangular2}: the
 * amplitude halves every cycle) or {@code gamma^k} ({@code exp_range}). The value ignores the
 * optimizer's own lr ({@code base} in {@link #value}), as PyTorch's does. PyTorch's momentum
 * cycling ({@code cycle_momentum}) concerns another hyper-parameter and is not part of this
 * schedule; drive momentum with a second schedule if wanted.
 *
 * <p>Smith, Cyclical Learning Rates for Training Neural Networks, WACV 2017, arXiv:1506.01186.
 * Example: {@code cyclic(base_lr=0.001, max_lr=0.1, step_size_up=2000)}.
 *
 * @param baseLr lower bound of the cycle, {@code >= 0}
 * @param maxLr upper bound of the cycle, {@code >= base_lr}
 * @param stepSizeUp steps in the rising half, {@code > 0} (default 2000)
 * @param stepSizeDown steps in the falling half, {@code > 0} (default: {@code step_size_up})
 * @param mode {@code triangular} (default), {@code triangular2} or {@code exp_range}
 * @param gamma the base of {@code exp_range}'s scale, {@code > 0} (default 1; unused by the other
 *     modes)
 */
public record CyclicLr(
        double baseLr, double maxLr, int stepSizeUp, int stepSizeDown, String mode, double gamma)
        implements Schedule {

    /** The accepted modes. */
    public static final List<String> MODES = List.of("triangular", "triangular2", "exp_range");

    public CyclicLr {
        Checks.require(baseLr >= 0, "cyclic base_lr must be >= 0, got " + baseLr);
        Checks.require(
                maxLr >= baseLr, "cyclic max_lr must be >= base_lr=" + baseLr + ", got " + maxLr);
        Checks.require(stepSizeUp > 0, "cyclic step_size_up must be > 0, got " + stepSizeUp);
        Checks.require(stepSizeDown > 0, "cyclic step_size_down must be > 0, got " + stepSizeDown);
        Checks.require(
                MODES.contains(mode),
                "cyclic mode must be one of triangular, triangular2, exp_range, got " + mode);
        Checks.require(gamma > 0, "cyclic gamma must be > 0, got " + gamma);
    }

    @Override
    public double value(long step, double base) {
        long k = Checks.step(step);
        double totalSize = (double) stepSizeUp + (double) stepSizeDown;
        double stepRatio = stepSizeUp / totalSize;
        double cycle = Math.floor(1 + k / totalSize);
        double x = 1. + k / totalSize - cycle;
        double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
        double baseHeight = (maxLr - baseLr) * scaleFactor;
        double scale =
                switch (mode) {
                    case "triangular2" -> 1 / Math.pow(2., cycle - 1);
                    case "exp_range" -> Math.pow(gamma, k);
                    default -> 1.;
                };
        return baseLr + baseHeight * scale;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("cyclic")
                .arg("base_lr", baseLr)
                .arg("max_lr", maxLr)
                .arg("step_size_up", stepSizeUp)
                .arg("step_size_down", stepSizeDown)
                .arg("mode", mode)
                .arg("gamma", gamma)
                .build();
    }
}
