package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Layer-wise trust ratio of LAMB (You et al. 2019, arXiv:1904.00962, Algorithm 2 with {@code φ} the
 * identity), per tensor:
 *
 * <pre>
 * u ← (‖p‖₂ / ‖u‖₂) · u        (ratio 1 where ‖p‖ = 0 or ‖u‖ = 0)
 * </pre>
 *
 * <p>so every tensor's step has the norm of the tensor itself, times the learning rate that
 * follows. The ratio is selected on the engine ({@code where}), with no host read.
 *
 * <p>Example: {@code chain(transforms=[..., scale_by_trust_ratio, scale(factor=-1e-3)])}; {@link
 * Lamb} uses the same rule.
 */
public record ScaleByTrustRatio() implements StatelessTransform {

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray zero = Scalars.like(updates[0], 0);
                NDArray one = Scalars.like(updates[0], 1)) {
            for (int i = 0; i < updates.length; i++) {
                try (NDArray ratio = trustRatio(params.get(i), updates[i], zero, one)) {
                    updates[i] = updates[i].mul(ratio);
                }
            }
        }
        state.advance();
    }

    /**
     * {@code ‖p‖/‖u‖} as a 0-d tensor, or 1 where either norm is 0.
     *
     * @param p the parameter
     * @param u its update
     * @param zero a 0-d zero of the update's type
     * @param one a 0-d one of the update's type
     */
    static NDArray trustRatio(NDArray p, NDArray u, NDArray zero, NDArray one) {
        try (NDArray pNorm = p.norm();
                NDArray uNorm = u.norm();
                NDArray ratio = pNorm.div(uNorm);
                NDArray pPositive = pNorm.gt(zero);
                NDArray uPositive = uNorm.gt(zero);
                NDArray both = pPositive.logicalAnd(uPositive)) {
            return NDArrays.where(both, ratio, one);
        }
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_trust_ratio").build();
    }
}
