package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Symmetric elementwise clipping: {@code u ← clamp(u, −value, value)}, as {@code
 * torch.nn.utils.clip_grad_value_(params, value)}. Bounds the size of each coordinate of the
 * update, not its direction (see {@link ClipByGlobalNorm} for that).
 *
 * <p>Example: {@code chain(transforms=[clip(value=1), sgd(lr=0.1)])}.
 *
 * @param value the bound, ≥ 0
 */
public record Clip(double value) implements StatelessTransform {

    public Clip {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("clip value must be >= 0, got " + value);
        }
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray lo = Scalars.like(updates[0], -value);
                NDArray hi = Scalars.like(updates[0], value)) {
            for (int i = 0; i < updates.length; i++) {
                updates[i] = ClipByValue.clamp(updates[i], lo, hi);
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("clip").arg("value", value).build();
    }
}
