package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Adaptive gradient clipping (AGC), Brock, De, Smith &amp; Simonyan, "High-Performance Large-Scale
 * Image Recognition Without Normalization", ICML 2021 (arXiv:2102.06171), eq. 3. Unit-wise, for
 * every unit {@code i} (an output row {@code W[i, ...]} of a tensor with two or more axes, as DJL
 * and PyTorch lay out weights {@code (out, in, ...)}; the whole tensor for a bias or scalar):
 *
 * <pre>
 * ‖W_i‖* = max(‖W_i‖_F, eps)
 * G_i ← G_i · λ‖W_i‖* / ‖G_i‖_F     if ‖G_i‖_F / ‖W_i‖* &gt; λ
 * G_i ← G_i                          otherwise
 * </pre>
 *
 * <p>computed as {@code G_i · min(1, λ‖W_i‖* / ‖G_i‖)} on the engine (a zero {@code G_i} gives
 * {@code min(1, +∞) = 1}). Place it first, on the raw gradients.
 *
 * <p>Example: {@code chain(transforms=[adaptive_clip(clipping=0.01), sgd(lr=0.1, momentum=0.9)])}.
 *
 * @param clipping λ &gt; 0, the largest allowed ratio of gradient norm to weight norm
 * @param eps &gt; 0, the smallest weight norm used, so zero-initialized units can move
 */
public record AdaptiveClip(double clipping, double eps) implements StatelessTransform {

    public AdaptiveClip {
        if (!(clipping > 0) || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "adaptive_clip needs clipping > 0 and eps > 0, got " + clipping + ", " + eps);
        }
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray lambda = Scalars.like(updates[0], clipping);
                NDArray floor = Scalars.like(updates[0], eps);
                NDArray one = Scalars.like(updates[0], 1)) {
            for (int i = 0; i < updates.length; i++) {
                NDArray g = updates[i];
                try (NDArray gNorm = unitNorms(g);
                        NDArray wNorm = unitNorms(params.get(i));
                        NDArray maxNorm = wNorm.maximum(floor).muli(lambda);
                        NDArray ratio = maxNorm.div(gNorm);
                        NDArray coef = ratio.minimum(one)) {
                    updates[i] = g.mul(coef);
                }
            }
        }
        state.advance();
    }

    /**
     * Frobenius norms of the units: over every axis but the first (kept, size 1) for two or more
     * axes, over everything (0-d) otherwise.
     */
    static NDArray unitNorms(NDArray x) {
        int rank = x.getShape().dimension();
        if (rank < 2) {
            return x.norm();
        }
        int[] axes = new int[rank - 1];
        for (int a = 1; a < rank; a++) {
            axes[a - 1] = a;
        }
        return x.norm(2, axes, true);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("adaptive_clip").arg("clipping", clipping).arg("eps", eps).build();
    }
}
