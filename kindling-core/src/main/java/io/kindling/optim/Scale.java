package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * Multiplies every update by a constant: {@code u ← factor · u}. With {@code factor = -lr} it
 * ends an optimizer chain (optax's {@code scale}).
 *
 * @param factor the multiplier
 */
public record Scale(double factor) implements GradientTransform {

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.empty();
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        for (int i = 0; i < updates.length; i++) {
            updates[i] = updates[i].mul(factor);
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale").arg("factor", factor).build();
    }
}
