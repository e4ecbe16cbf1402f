package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Multiplies every update by a constant: {@code u ← factor · u}. With {@code factor = -lr} it ends
 * an optimizer chain (optax's {@code scale}).
 *
 * @param factor the multiplier
 */
public record Scale(double factor) implements StatelessTransform {

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray s = Scalars.like(updates[0], factor)) {
            for (int i = 0; i < updates.length; i++) {
                updates[i] = updates[i].mul(s);
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale").arg("factor", factor).build();
    }
}
