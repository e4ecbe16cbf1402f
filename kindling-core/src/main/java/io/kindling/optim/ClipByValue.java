package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Elementwise clipping to an interval: {@code u ← clamp(u, min, max)}, i.e. {@code
 * torch.clamp(grad, min, max)}; with {@code min = −max} it is {@code
 * torch.nn.utils.clip_grad_value_} (also available as {@link Clip}).
 *
 * <p>Example: {@code chain(transforms=[clip_by_value(min=-1, max=1), sgd(lr=0.1)])}.
 *
 * @param min the lower bound
 * @param max the upper bound, ≥ min
 */
public record ClipByValue(double min, double max) implements StatelessTransform {

    public ClipByValue {
        if (!(min <= max)) {
            throw new IllegalArgumentException(
                    "clip_by_value needs min <= max, got min " + min + ", max " + max);
        }
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray lo = Scalars.like(updates[0], min);
                NDArray hi = Scalars.like(updates[0], max)) {
            for (int i = 0; i < updates.length; i++) {
                updates[i] = clamp(updates[i], lo, hi);
            }
        }
        state.advance();
    }

    /**
     * {@code min(max(u, lo), hi)}, a new array. DJL's {@code clip(Number, Number)} would make two
     * bound tensors per call; these bounds are made once per step.
     */
    static NDArray clamp(NDArray u, NDArray lo, NDArray hi) {
        try (NDArray floored = u.maximum(lo)) {
            return floored.minimum(hi);
        }
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("clip_by_value").arg("min", min).arg("max", max).build();
    }
}
