package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Adamax, Adam with the infinity norm, with {@code torch.optim.Adamax}'s exact arithmetic (step
 * {@code t} counts from 1):
 *
 * <pre>
 * mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 * uₜ = max(β₂·uₜ₋₁, |g| + ε)
 * u  = mₜ / uₜ / (1 − β₁ᵗ)
 * </pre>
 *
 * <p>torch adds ε to |g| inside the maximum (the paper has no ε); only the first moment is
 * bias-corrected.
 *
 * <p>Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, arXiv:1412.6980,
 * section 7.1. Example: {@code scale_by_adamax(beta1=0.9, beta2=0.999, eps=1e-8)}.
 *
 * @param beta1 β₁ in [0, 1)
 * @param beta2 β₂ in [0, 1), decay of the infinity norm
 * @param eps ε &gt; 0
 */
public record ScaleByAdamax(double beta1, double beta2, double eps) implements GradientTransform {

    public ScaleByAdamax {
        AdaptiveSupport.requireBeta("beta1", beta1);
        AdaptiveSupport.requireBeta("beta2", beta2);
        AdaptiveSupport.requirePositive("eps", eps);
    }

    /** Buffers: first moments, then the exponentially weighted infinity norms. */
    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.zeros(params, manager, 2);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        int n = updates.length;
        if (n == 0) {
            return;
        }
        long t = state.count() + 1;
        List<NDArray> buffers = state.buffers();
        NDArray like = updates[0];
        try (Moments first = new Moments(like, beta1, t);
                Moments infinity = new Moments(like, beta2, t);
                NDArray epsilon = Scalars.like(like, eps)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray m = buffers.get(i);
                NDArray norm = buffers.get(n + i);
                first.update(m, g);
                infinity.updateInfinity(norm, g, epsilon);
                updates[i] = m.div(norm).divi(first.correction());
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_adamax")
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("eps", eps)
                .build();
    }
}
