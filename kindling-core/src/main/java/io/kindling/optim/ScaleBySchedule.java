package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import io.kindling.schedule.Schedule;
import java.util.List;

/**
 * Scales the updates by a schedule relative to a base learning rate: {@code u ← u · schedule(t,
 * base) / base}, t = updates made so far. Placed after an optimizer whose last step is {@code
 * −lr·(…)}, this is exactly PyTorch's {@code lr_scheduler} changing {@code param_groups[...]['lr']}
 * for every {@code torch.optim} rule in which the learning rate multiplies the final step (SGD,
 * Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam, LAMB, Lion); it is not the same
 * for LARS, whose momentum buffer accumulates lr-scaled steps.
 *
 * <p>Example: {@code scale_by_schedule(schedule=warmup_cosine(warmup_steps=100, total_steps=1000),
 * base=3e-4)}.
 *
 * @param schedule the schedule
 * @param base the learning rate the optimizer was built with
 */
public record ScaleBySchedule(Schedule schedule, double base) implements GradientTransform {

    public ScaleBySchedule {
        if (!(base > 0)) {
            throw new IllegalArgumentException("scale_by_schedule needs base > 0, got " + base);
        }
    }

    /** The learning rate in force for the update made after {@code count} updates. */
    public double learningRate(long count) {
        return schedule.value(count, base);
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.empty();
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        double factor = learningRate(state.count()) / base;
        if (updates.length > 0 && factor != 1) {
            try (NDArray s = Scalars.like(updates[0], factor)) {
                for (int i = 0; i < updates.length; i++) {
                    updates[i] = updates[i].mul(s);
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_schedule")
                .arg("schedule", schedule)
                .arg("base", base)
                .build();
    }
}
