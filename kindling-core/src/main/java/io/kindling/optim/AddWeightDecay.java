package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Coupled L2 regularization, added to the gradient before any moment estimate: {@code u ← u + λ·p}.
 * This is the {@code weight_decay} of {@code torch.optim.SGD} and {@code torch.optim.Adam} (not
 * AdamW's decoupled decay).
 *
 * @param weightDecay λ ≥ 0
 */
public record AddWeightDecay(double weightDecay) implements StatelessTransform {

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray lambda = Scalars.like(updates[0], weightDecay)) {
            for (int i = 0; i < updates.length; i++) {
                updates[i] = updates[i].add(params.get(i).mul(lambda));
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("add_weight_decay").arg("weight_decay", weightDecay).build();
    }
}
