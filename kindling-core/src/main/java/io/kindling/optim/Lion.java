package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Lion (EvoLved Sign Momentum), Chen et al., "Symbolic Discovery of Optimization Algorithms",
 * NeurIPS 2023 (arXiv:2302.06675), Algorithm 2. Per tensor, with {@code m₀ = 0}:
 *
 * <pre>
 * c = β₁m + (1 − β₁)g
 * p ← p − lr · (sign(c) + λp)
 * m ← β₂m + (1 − β₂)g
 * </pre>
 *
 * <p>Every coordinate moves by exactly {@code lr} (plus the decay), so Lion wants a learning rate
 * 3–10× smaller than AdamW's and a weight decay 3–10× larger.
 *
 * <p>Example: {@code lion(lr=1e-4, weight_decay=0.1)}.
 *
 * @param lr learning rate &gt; 0 (default 1e-4)
 * @param beta1 interpolation for the update direction, in [0, 1] (default 0.9)
 * @param beta2 momentum decay, in [0, 1] (default 0.99)
 * @param weightDecay decoupled decay λ ≥ 0 (default 0)
 */
public record Lion(double lr, double beta1, double beta2, double weightDecay)
        implements GradientTransform, HasLearningRate {

    public Lion {
        if (!(lr >= 0)
                || !(beta1 >= 0 && beta1 <= 1)
                || !(beta2 >= 0 && beta2 <= 1)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "lion needs lr >= 0, betas in [0, 1]," + " weight_decay >= 0");
        }
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.zeros(params, manager, 1);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        NDArray like = updates[0];
        try (NDArray b1 = Scalars.like(like, beta1);
                NDArray keep1 = Scalars.like(like, 1 - beta1);
                NDArray b2 = Scalars.like(like, beta2);
                NDArray keep2 = Scalars.like(like, 1 - beta2);
                NDArray lambda = Scalars.like(like, weightDecay);
                NDArray step = Scalars.like(like, -lr)) {
            for (int i = 0; i < updates.length; i++) {
                NDArray g = updates[i];
                NDArray m = state.buffers().get(i);
                NDArray u;
                try (NDArray c = m.mul(b1);
                        NDArray gPart = g.mul(keep1)) {
                    u = c.addi(gPart).sign();
                }
                if (weightDecay != 0) {
                    try (NDArray decay = params.get(i).mul(lambda)) {
                        u.addi(decay);
                    }
                }
                updates[i] = u.muli(step);
                try (NDArray gKept = g.mul(keep2)) {
                    m.muli(b2).addi(gKept);
                }
            }
        }
        state.advance();
    }

    @Override
    public Lion withLr(double newLr) {
        return new Lion(newLr, beta1, beta2, weightDecay);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lion")
                .arg("lr", lr)
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("weight_decay", weightDecay)
                .build();
    }
}
