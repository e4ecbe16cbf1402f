package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * Decay at milestones, {@code torch.optim.lr_scheduler.MultiStepLR}:
 *
 * <pre>    lr_k = base · gamma^|{m ∈ milestones : m ≤ k}|</pre>
 *
 * so the factor {@code gamma} applies from step {@code m} on. Example: {@code
 * multistep(milestones=[30, 80], gamma=0.1)}.
 *
 * @param milestones steps at which to decay, strictly increasing integers {@code >= 0} (PyTorch
 *     also accepts repeats, which compound; write a smaller gamma instead)
 * @param gamma multiplicative factor, {@code > 0} (PyTorch default 0.1)
 */
public record MultiStepLr(List<Integer> milestones, double gamma) implements Schedule {

    public MultiStepLr {
        milestones = Checks.increasing("multistep milestones", milestones, 0);
        Checks.require(gamma > 0, "multistep gamma must be > 0, got " + gamma);
    }

    @Override
    public double value(long step, double base) {
        return base * Math.pow(gamma, passed(milestones, Checks.step(step)));
    }

    /** How many milestones are {@code <= step} (Python's {@code bisect_right}). */
    static int passed(List<Integer> milestones, long step) {
        int n = 0;
        while (n < milestones.size() && milestones.get(n) <= step) {
            n++;
        }
        return n;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("multistep")
                .argNumbers("milestones", milestones)
                .arg("gamma", gamma)
                .build();
    }
}
