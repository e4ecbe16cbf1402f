package io.kindling.schedule;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * Schedules one after another, {@code torch.optim.lr_scheduler.SequentialLR}: with milestones
 * {@code m₁ < m₂ < …} (and {@code m₀ = 0}), schedule {@code i} runs on {@code [m_i, m_{i+1})} and
 * restarts its own step count at its milestone:
 *
 * <pre>    lr_k = schedules[i].value(k − m_i, base),   i = |{j ≥ 1 : m_j ≤ k}|</pre>
 *
 * This is what PyTorch produces for the built-in chainable schedulers, which it restarts with
 * {@code step(0)} at their milestone (tested for linear, exponential, constant, cosine, step,
 * multistep, cosine_warm_restarts and polynomial children). Schedules that ignore the base ({@code
 * cyclic}, {@code onecycle}) keep their own values here, whereas in PyTorch {@code OneCycleLR}
 * rewrites the optimizer's {@code initial_lr} for its siblings too; nesting {@code sequential}
 * inside itself also works here but not in PyTorch.
 *
 * <p>Example: {@code sequential(schedules=[linear(start_factor=0.01, total_iters=500),
 * cosine(t_max=9500)], milestones=[500])}.
 *
 * @param schedules at least one schedule
 * @param milestones {@code schedules.size() − 1} strictly increasing steps {@code >= 1}
 */
public record SequentialLr(List<Schedule> schedules, List<Integer> milestones) implements Schedule {

    public SequentialLr {
        schedules = List.copyOf(schedules);
        milestones = Checks.increasing("sequential milestones", milestones, 1);
        Checks.require(!schedules.isEmpty(), "sequential needs at least one schedule");
        Checks.require(
                milestones.size() == schedules.size() - 1,
                "sequential needs one"
                        + " milestone fewer than schedules, got "
                        + schedules.size()
                        + " schedules and "
                        + milestones.size()
                        + " milestones");
    }

    @Override
    public double value(long step, double base) {
        int i = MultiStepLr.passed(milestones, Checks.step(step));
        long start = i == 0 ? 0 : milestones.get(i - 1);
        return schedules.get(i).value(step - start, base);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("sequential")
                .argList("schedules", schedules)
                .argNumbers("milestones", milestones)
                .build();
    }
}
