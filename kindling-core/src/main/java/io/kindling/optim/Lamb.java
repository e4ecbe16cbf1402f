package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * LAMB, You et al., "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes", ICLR
 * 2020 (arXiv:1904.00962), Algorithm 2 with {@code φ} the identity. Per tensor, at step {@code t =
 * 1, 2, …}:
 *
 * <pre>
 * m ← β₁m + (1 − β₁)g              v ← β₂v + (1 − β₂)g²
 * m̂ = m / (1 − β₁ᵗ)                v̂ = v / (1 − β₂ᵗ)
 * r = m̂ / (√v̂ + ε) + λw
 * p ← p − lr · (‖w‖ / ‖r‖) · r      (ratio 1 where ‖w‖ = 0 or ‖r‖ = 0)
 * </pre>
 *
 * <p>The Adam moments are computed here (state: the {@code m} buffers, then the {@code v} buffers,
 * in parameter order); the trust ratio is {@link ScaleByTrustRatio}'s.
 *
 * <p>Example: {@code lamb(lr=1e-3, weight_decay=0.01)}.
 *
 * @param lr learning rate &gt; 0 (default 1e-3)
 * @param beta1 first-moment decay in [0, 1) (default 0.9)
 * @param beta2 second-moment decay in [0, 1) (default 0.999)
 * @param eps &gt; 0, added to √v̂ (default 1e-6)
 * @param weightDecay decoupled decay λ ≥ 0 inside the trust ratio (default 0)
 */
public record Lamb(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements GradientTransform, HasLearningRate {

    public Lamb {
        if (!(lr >= 0)
                || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1)
                || !(eps > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "lamb needs lr >= 0, betas in [0, 1), eps > 0," + " weight_decay >= 0");
        }
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.zeros(params, manager, 2);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        long t = state.count() + 1;
        NDArray like = updates[0];
        int n = updates.length;
        try (Moments first = new Moments(like, beta1, t);
                Moments second = new Moments(like, beta2, t);
                NDArray epsilon = Scalars.like(like, eps);
                NDArray lambda = Scalars.like(like, weightDecay);
                NDArray step = Scalars.like(like, -lr);
                NDArray zero = Scalars.like(like, 0);
                NDArray one = Scalars.like(like, 1)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray w = params.get(i);
                NDArray m = state.buffers().get(i);
                NDArray v = state.buffers().get(n + i);
                first.update(m, g);
                second.updateSquared(v, g);
                NDArray r = first.biasCorrected(m);
                try (NDArray vHat = second.biasCorrected(v);
                        NDArray denom = vHat.sqrt()) {
                    r.divi(denom.addi(epsilon));
                }
                if (weightDecay != 0) {
                    try (NDArray decay = w.mul(lambda)) {
                        r.addi(decay);
                    }
                }
                try (NDArray ratio = ScaleByTrustRatio.trustRatio(w, r, zero, one);
                        NDArray scaled = ratio.mul(step)) {
                    updates[i] = r.muli(scaled);
                }
            }
        }
        state.advance();
    }

    @Override
    public Lamb withLr(double newLr) {
        return new Lamb(newLr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lamb")
                .arg("lr", lr)
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("eps", eps)
                .arg("weight_decay", weightDecay)
                .build();
    }
}
