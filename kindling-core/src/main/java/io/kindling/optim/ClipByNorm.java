package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Per-tensor L2-norm clipping, {@code torch.nn.utils.clip_grad_norm_} applied to each tensor on its
 * own:
 *
 * <pre>
 * u ← u · min(1, max_norm / (‖u‖₂ + 1e-6))
 * </pre>
 *
 * <p>The coefficient stays on the engine (no host read), and it multiplies the update even when it
 * is 1, as PyTorch does. Pascanu, Mikolov &amp; Bengio, "On the difficulty of training recurrent
 * neural networks", ICML 2013 (arXiv:1211.5063).
 *
 * <p>Example: {@code chain(transforms=[clip_by_norm(max_norm=1), sgd(lr=0.1)])}.
 *
 * @param maxNorm the largest norm an update keeps, &gt; 0
 */
public record ClipByNorm(double maxNorm) implements StatelessTransform {

    /** PyTorch's guard against a zero norm in {@code clip_grad_norm_}. */
    static final double EPS = 1e-6;

    public ClipByNorm {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max_norm must be > 0, got " + maxNorm);
        }
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        if (updates.length == 0) {
            return;
        }
        try (NDArray max = Scalars.like(updates[0], maxNorm);
                NDArray eps = Scalars.like(updates[0], EPS);
                NDArray one = Scalars.like(updates[0], 1)) {
            for (int i = 0; i < updates.length; i++) {
                try (NDArray norm = updates[i].norm();
                        NDArray coef = clipCoefficient(norm, max, eps, one)) {
                    updates[i] = updates[i].mul(coef);
                }
            }
        }
        state.advance();
    }

    /** {@code min(1, max / (norm + eps))} as a 0-d tensor; modifies {@code norm} in place. */
    static NDArray clipCoefficient(NDArray norm, NDArray max, NDArray eps, NDArray one) {
        try (NDArray ratio = max.div(norm.addi(eps))) {
            return ratio.minimum(one);
        }
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("clip_by_norm").arg("max_norm", maxNorm).build();
    }
}
