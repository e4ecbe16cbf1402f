package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * LARS, You, Gitman &amp; Ginsburg, "Large Batch Training of Convolutional Networks", 2017
 * (arXiv:1708.03888), Algorithm 1 with a constant global rate γ = lr. Per tensor (layer) {@code w},
 * with {@code v₀ = 0}:
 *
 * <pre>
 * λ = η · ‖w‖ / (‖∇L(w)‖ + β‖w‖)    (local LR; λ = 1 where ‖w‖ = 0 or the denominator is 0)
 * v ← m·v + lr · λ · (∇L(w) + β·w)
 * w ← w − v
 * </pre>
 *
 * <p>β is the weight decay, η the trust coefficient. The local rate is selected on the engine
 * ({@code where}), with no host read. Like the paper, it applies to every tensor; excluding biases
 * and normalization parameters needs parameter groups.
 *
 * <p>Example: {@code lars(lr=1, momentum=0.9, weight_decay=5e-4, eta=0.001)}.
 *
 * @param lr the global learning rate γ &gt; 0
 * @param momentum m ≥ 0 (default 0.9)
 * @param weightDecay β ≥ 0 (default 0)
 * @param eta the trust coefficient η &gt; 0 (default 0.001)
 */
public record Lars(double lr, double momentum, double weightDecay, double eta)
        implements GradientTransform, HasLearningRate {

    public Lars {
        if (!(lr >= 0) || !(momentum >= 0) || !(weightDecay >= 0) || !(eta > 0)) {
            throw new IllegalArgumentException(
                    "lars needs lr >= 0, momentum >= 0," + " weight_decay >= 0, eta > 0");
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
        try (NDArray rate = Scalars.like(like, lr);
                NDArray mu = Scalars.like(like, momentum);
                NDArray beta = Scalars.like(like, weightDecay);
                NDArray trust = Scalars.like(like, eta);
                NDArray zero = Scalars.like(like, 0);
                NDArray one = Scalars.like(like, 1)) {
            for (int i = 0; i < updates.length; i++) {
                NDArray g = updates[i];
                NDArray w = params.get(i);
                NDArray v = state.buffers().get(i);
                try (NDArray local = localRate(w, g, beta, trust, zero, one);
                        NDArray scale = local.mul(rate);
                        NDArray direction =
                                weightDecay == 0 ? g.mul(scale) : w.mul(beta).addi(g).muli(scale)) {
                    v.muli(mu).addi(direction);
                }
                updates[i] = v.neg();
            }
        }
        state.advance();
    }

    /** {@code η‖w‖ / (‖g‖ + β‖w‖)} as a 0-d tensor, 1 where ‖w‖ or the denominator is 0. */
    private static NDArray localRate(
            NDArray w, NDArray g, NDArray beta, NDArray trust, NDArray zero, NDArray one) {
        try (NDArray wNorm = w.norm();
                NDArray gNorm = g.norm();
                NDArray decayed = wNorm.mul(beta);
                NDArray denom = gNorm.add(decayed);
                NDArray ratio = wNorm.mul(trust).divi(denom);
                NDArray wPositive = wNorm.gt(zero);
                NDArray denomPositive = denom.gt(zero);
                NDArray both = wPositive.logicalAnd(denomPositive)) {
            return NDArrays.where(both, ratio, one);
        }
    }

    @Override
    public Lars withLr(double newLr) {
        return new Lars(newLr, momentum, weightDecay, eta);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lars")
                .arg("lr", lr)
                .arg("momentum", momentum)
                .arg("weight_decay", weightDecay)
                .arg("eta", eta)
                .build();
    }
}
