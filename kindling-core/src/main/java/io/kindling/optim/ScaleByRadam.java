package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Rectified Adam with {@code torch.optim.RAdam}'s exact arithmetic (step {@code t} counts from 1):
 *
 * <pre>
 * mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 * vₜ = β₂·vₜ₋₁ + (1 − β₂)·g²
 * ρ∞ = 2/(1 − β₂) − 1
 * ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
 * if ρₜ &gt; 5:  r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
 *             u = mₜ/(1 − β₁ᵗ) · r · √(1 − β₂ᵗ) / (√vₜ + ε)
 * else:       u = mₜ/(1 − β₁ᵗ)                 (momentum SGD while the variance is intractable)
 * </pre>
 *
 * <p>Note the ε placement, unlike Adam's: added to the uncorrected root √vₜ, and the bias
 * correction multiplies afterwards. The switch is torch's {@code ρₜ > 5} (the paper uses 4); with
 * β₂ = 0.999 the first five steps are unrectified.
 *
 * <p>Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020,
 * arXiv:1908.03265. Example: {@code scale_by_radam(beta1=0.9, beta2=0.999, eps=1e-8)}.
 *
 * @param beta1 β₁ in [0, 1)
 * @param beta2 β₂ in [0, 1)
 * @param eps ε &gt; 0
 */
public record ScaleByRadam(double beta1, double beta2, double eps) implements GradientTransform {

    public ScaleByRadam {
        AdaptiveSupport.requireBeta("beta1", beta1);
        AdaptiveSupport.requireBeta("beta2", beta2);
        AdaptiveSupport.requirePositive("eps", eps);
    }

    /**
     * The rectification factor of step {@code t} (from 1) times √(1 − β₂ᵗ), or 0 when the step is
     * unrectified (ρₜ ≤ 5).
     */
    double rectifiedScale(long t) {
        double bc2 = Moments.correction(beta2, t);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * Math.pow(beta2, t) / bc2;
        if (!(rhoT > 5)) {
            return 0;
        }
        double rect =
                Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        return rect * Math.sqrt(bc2);
    }

    /** Buffers: first moments, then second moments. */
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
        double scale = rectifiedScale(t);
        List<NDArray> buffers = state.buffers();
        NDArray like = updates[0];
        try (Moments first = new Moments(like, beta1, t);
                Moments second = new Moments(like, beta2, t);
                NDArray epsilon = Scalars.like(like, eps);
                NDArray rectification = Scalars.like(like, scale)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray m = buffers.get(i);
                NDArray v = buffers.get(n + i);
                first.update(m, g);
                second.updateSquared(v, g);
                NDArray corrected = first.biasCorrected(m);
                if (scale > 0) {
                    try (NDArray denom = v.sqrt()) {
                        denom.addi(epsilon);
                        corrected.muli(rectification).divi(denom);
                    }
                }
                updates[i] = corrected;
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_radam")
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("eps", eps)
                .build();
    }
}
