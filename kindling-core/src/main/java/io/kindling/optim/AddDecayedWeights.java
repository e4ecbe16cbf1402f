package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Decoupled weight decay, added to the update AFTER the moment estimate (optax's {@code
 * add_decayed_weights}): {@code u ← u + λ·p}, to be followed by {@code scale(-lr)}, so the step is
 * {@code p ← p − lr·(u + λp)}. Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019 (arXiv:1711.05101). The arithmetic is that of {@link AddWeightDecay}; the place in the
 * chain is what differs: before an adaptive moment estimate the decay is rescaled by it (coupled
 * L2), after it it is not.
 *
 * <p>Example: {@code chain(transforms=[trace(momentum=0.9), add_decayed_weights(weight_decay=1e-4),
 * scale(factor=-0.1)])}.
 *
 * @param weightDecay λ ≥ 0
 */
public record AddDecayedWeights(double weightDecay) implements StatelessTransform {

    public AddDecayedWeights {
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
                try (NDArray decay = params.get(i).mul(lambda)) {
                    updates[i] = updates[i].add(decay);
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("add_decayed_weights").arg("weight_decay", weightDecay).build();
    }
}
