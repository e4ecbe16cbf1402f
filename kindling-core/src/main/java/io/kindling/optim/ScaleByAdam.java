package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Adam's bias-corrected moment ratio, with {@code torch.optim.Adam}'s exact arithmetic (step {@code
 * t} counts from 1):
 *
 * <pre>
 * mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 * vₜ = β₂·vₜ₋₁ + (1 − β₂)·g²
 * v̂ₜ = max(v̂ₜ₋₁, vₜ)   with amsgrad, else vₜ
 * u  = (mₜ / (1 − β₁ᵗ)) / (√v̂ₜ / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>ε is added after the bias correction of the root (not inside it, not before it), as in torch.
 * Followed by {@code scale(-lr)} this is Adam; the AMSGrad maximum is taken over the uncorrected
 * second moments, as torch does.
 *
 * <p>Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, arXiv:1412.6980;
 * AMSGrad: Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond", ICLR 2018. Example:
 * {@code scale_by_adam(beta1=0.9, beta2=0.999, eps=1e-8, amsgrad=false)}.
 *
 * @param beta1 β₁ in [0, 1), decay of the first moment
 * @param beta2 β₂ in [0, 1), decay of the second moment
 * @param eps ε &gt; 0
 * @param amsgrad normalize by the running maximum of the second moment
 */
public record ScaleByAdam(double beta1, double beta2, double eps, boolean amsgrad)
        implements GradientTransform {

    public ScaleByAdam {
        AdaptiveSupport.requireBeta("beta1", beta1);
        AdaptiveSupport.requireBeta("beta2", beta2);
        AdaptiveSupport.requirePositive("eps", eps);
    }

    /** Buffers: first moments, second moments, and with amsgrad their running maxima. */
    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.zeros(params, manager, amsgrad ? 3 : 2);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        int n = updates.length;
        if (n == 0) {
            return;
        }
        long t = state.count() + 1;
        NDArray like = updates[0];
        List<NDArray> buffers = state.buffers();
        try (Moments first = new Moments(like, beta1, t);
                Moments second = new Moments(like, beta2, t);
                NDArray correction2 = Scalars.like(like, Math.sqrt(Moments.correction(beta2, t)));
                NDArray epsilon = Scalars.like(like, eps)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray m = buffers.get(i);
                NDArray v = buffers.get(n + i);
                first.update(m, g);
                second.updateSquared(v, g);
                NDArray vHat = v;
                if (amsgrad) {
                    vHat = buffers.get(2 * n + i);
                    try (NDArray max = vHat.maximum(v)) {
                        AdaptiveSupport.assign(vHat, max);
                    }
                }
                try (NDArray denom = vHat.sqrt()) {
                    denom.divi(correction2).addi(epsilon);
                    updates[i] = m.div(denom).divi(first.correction());
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_adam")
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("eps", eps)
                .arg("amsgrad", amsgrad)
                .build();
    }
}
