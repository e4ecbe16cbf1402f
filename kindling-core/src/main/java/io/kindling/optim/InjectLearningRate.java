package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import io.kindling.schedule.Schedule;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The learning rate as a hyper-parameter held in the optimizer's state, as optax's {@code
 * inject_hyperparams}: at update t the inner optimizer runs with
 *
 * <pre>
 * lr_t = schedule(t, lr) · scale        (lr_t = lr · scale without a schedule)
 * </pre>
 *
 * where {@code lr} is {@code inner.lr()}, the value written, and {@code scale} is the state's
 * {@link TransformState#scale()}, which rules set (reduce-on-plateau, NaN rollback) and a
 * checkpoint saves. This is exactly PyTorch's {@code param_group['lr'] = lr_t} before each {@code
 * step()}, for every optimizer, including those whose state accumulates lr-scaled steps (LARS) and
 * those that apply lr inside their own rule (LAMB, Lion): the inner optimizer is rebuilt by its
 * constructor with {@code lr=lr_t} ({@link HasLearningRate#withLr}, as optax calls the optimizer's
 * factory with the new value) and its state carries over, so nothing multiplies the updates after
 * the optimizer. {@link LearningRates#current} reads lr_t back from the state.
 *
 * <p>The trainer wraps the optimizer in this for every run; users write the optimizer and a
 * schedule beside it. Example: {@code inject_lr(inner=lamb(lr=0.01), schedule=cosine(t_max=100))}.
 *
 * @param inner the optimizer, built with its base lr
 * @param schedule the lr schedule, or null for a constant lr
 */
public record InjectLearningRate(HasLearningRate inner, Schedule schedule)
        implements GradientTransform, CurrentLearningRate {

    /**
     * The learning rate of the update made after {@code count} updates, under {@code state}'s
     * scale.
     *
     * @param state this transform's state
     * @param count updates made before
     * @return lr_t
     */
    public double learningRate(TransformState state, long count) {
        double base = inner.lr();
        double lr = schedule == null ? base : schedule.value(count, base);
        return lr * state.scale();
    }

    /**
     * The lr of the latest update, under the scale the state holds now; before any update, the lr
     * of the first.
     */
    @Override
    public OptionalDouble currentLr(TransformState state) {
        return OptionalDouble.of(learningRate(state, Math.max(0, state.count() - 1)));
    }

    /** The inner optimizer as it runs with learning rate {@code lr}. */
    HasLearningRate with(double lr) {
        return lr == inner.lr() ? inner : inner.withLr(lr);
    }

    @Override
    public GradientTransform bind(List<ParamContext> contexts) {
        return this;
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.injected(List.of(inner.init(params, manager)));
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        with(learningRate(state, state.count())).update(updates, state.inner().get(0), params);
        state.advance();
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call("inject_lr").arg("inner", inner);
        if (schedule != null) {
            b.arg("schedule", schedule);
        }
        return b.build();
    }
}
