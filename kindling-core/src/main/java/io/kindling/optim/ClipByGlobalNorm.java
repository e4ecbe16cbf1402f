package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Global L2-norm clipping over all tensors at once, {@code torch.nn.utils.clip_grad_norm_(
 * model.parameters(), max_norm)}:
 *
 * <pre>
 * N = √(Σᵢ ‖uᵢ‖₂²)                 (computed as the norm of the stacked per-tensor norms)
 * uᵢ ← uᵢ · min(1, max_norm / (N + 1e-6))
 * </pre>
 *
 * <p>Every tensor is scaled by the same coefficient, so the direction of the whole update is kept.
 * The coefficient stays on the engine. Pascanu, Mikolov &amp; Bengio, ICML 2013 (arXiv:1211.5063).
 *
 * <p>Example: {@code chain(transforms=[clip_by_global_norm(max_norm=1.0), sgd(lr=0.1)])}.
 *
 * @param maxNorm the largest global norm the updates keep, &gt; 0
 */
public record ClipByGlobalNorm(double maxNorm) implements StatelessTransform {

    public ClipByGlobalNorm {
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
                NDArray eps = Scalars.like(updates[0], ClipByNorm.EPS);
                NDArray one = Scalars.like(updates[0], 1);
                NDList norms = new NDList(updates.length)) {
            for (NDArray u : updates) {
                norms.add(u.norm());
            }
            try (NDArray stacked = NDArrays.stack(norms);
                    NDArray total = stacked.norm();
                    NDArray coef = ClipByNorm.clipCoefficient(total, max, eps, one)) {
                for (int i = 0; i < updates.length; i++) {
                    updates[i] = updates[i].mul(coef);
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("clip_by_global_norm").arg("max_norm", maxNorm).build();
    }
}
