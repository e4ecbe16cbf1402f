package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.util.List;

/**
 * Coupled L2 regularization, added to the gradient before any moment estimate:
 * {@code u ← u + λ·p}. This is the {@code weight_decay} of {@code torch.optim.SGD} and
 * {@code torch.optim.Adam} (not AdamW's decoupled decay).
 *
 * @param weightDecay λ ≥ 0
 */
public record AddWeightDecay(double weightDecay) implements GradientTransform {

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.empty();
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        for (int i = 0; i < updates.length; i++) {
            updates[i] = updates[i].add(params.get(i).mul(weightDecay));
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("add_weight_decay").arg("weight_decay", weightDecay).build();
    }
}
