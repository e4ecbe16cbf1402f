package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * L1 regularization: {@code u ← u + λ·sign(p)}, the (sub)gradient of {@code λ‖p‖₁} (Tibshirani
 * 1996, the lasso). Placed first it is coupled (rescaled by any moment estimate); placed after the
 * moment estimate and before {@code scale(-lr)} it is decoupled.
 *
 * <p>Example: {@code chain(transforms=[l1(weight_decay=1e-5), sgd(lr=0.1)])}.
 *
 * @param weightDecay λ ≥ 0
 */
public record L1Decay(double weightDecay) implements StatelessTransform {

    public L1Decay {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
        }
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray lambda = Scalars.like(updates[0], weightDecay)) {
            for (int i = 0; i < updates.length; i++) {
                try (NDArray decay = params.get(i).sign().muli(lambda)) {
                    updates[i] = updates[i].add(decay);
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("l1").arg("weight_decay", weightDecay).build();
    }
}
