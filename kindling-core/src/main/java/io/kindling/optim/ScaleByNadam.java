package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Nesterov-accelerated Adam with {@code torch.optim.NAdam}'s momentum schedule and exact arithmetic
 * (step {@code t} counts from 1, ψ = momentum_decay):
 *
 * <pre>
 * μₜ = β₁·(1 − ½·0.96^(t·ψ))
 * Πₜ = μ₁·μ₂·…·μₜ
 * mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
 * vₜ = β₂·vₜ₋₁ + (1 − β₂)·g²
 * d  = √vₜ / √(1 − β₂ᵗ) + ε
 * u  = (1 − μₜ)/(1 − Πₜ) · g/d  +  μₜ₊₁/(1 − Πₜ·μₜ₊₁) · mₜ/d
 * </pre>
 *
 * <p>The product uses Πₜ₊₁ = Πₜ·μₜ₊₁, as torch.optim.NAdam documents and as torch ≥ 2.0 computes it
 * (torch 1.13's single-tensor path multiplied μₜ in twice). The products are computed in Java
 * doubles from the step count; once Πₜ &lt; 2⁻⁶⁰, {@code 1 − Πₜ} is exactly 1 in double precision
 * and the loop stops, so the cost per step stays bounded.
 *
 * <p>Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop. Example: {@code
 * scale_by_nadam(beta1=0.9, beta2=0.999, eps=1e-8, momentum_decay=0.004)}.
 *
 * @param beta1 β₁ in [0, 1)
 * @param beta2 β₂ in [0, 1)
 * @param eps ε &gt; 0
 * @param momentumDecay ψ ≥ 0
 */
public record ScaleByNadam(double beta1, double beta2, double eps, double momentumDecay)
        implements GradientTransform {

    /** Below this the momentum product no longer changes {@code 1 − Π} in double precision. */
    private static final double NEGLIGIBLE = 0x1p-60;

    public ScaleByNadam {
        AdaptiveSupport.requireBeta("beta1", beta1);
        AdaptiveSupport.requireBeta("beta2", beta2);
        AdaptiveSupport.requirePositive("eps", eps);
        AdaptiveSupport.requireNonNegative("momentum_decay", momentumDecay);
    }

    /** The momentum coefficient μₜ of step {@code t} (from 1). */
    double mu(long t) {
        return beta1 * (1.0 - 0.5 * Math.pow(0.96, t * momentumDecay));
    }

    /** Πₜ = μ₁·…·μₜ, or 0 once it is too small to matter next to 1. */
    double muProduct(long t) {
        double product = 1.0;
        for (long s = 1; s <= t; s++) {
            product *= mu(s);
            if (product < NEGLIGIBLE) {
                return 0.0;
            }
        }
        return product;
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
        double mu = mu(t);
        double muNext = mu(t + 1);
        double product = muProduct(t);
        double gradientWeight = (1.0 - mu) / (1.0 - product);
        double momentumWeight = muNext / (1.0 - product * muNext);
        List<NDArray> buffers = state.buffers();
        NDArray like = updates[0];
        try (Moments first = new Moments(like, beta1, t);
                Moments second = new Moments(like, beta2, t);
                NDArray correction2 = Scalars.like(like, Math.sqrt(Moments.correction(beta2, t)));
                NDArray epsilon = Scalars.like(like, eps);
                NDArray wg = Scalars.like(like, gradientWeight);
                NDArray wm = Scalars.like(like, momentumWeight)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray m = buffers.get(i);
                NDArray v = buffers.get(n + i);
                first.update(m, g);
                second.updateSquared(v, g);
                try (NDArray denom = v.sqrt()) {
                    denom.divi(correction2).addi(epsilon);
                    try (NDArray momentumPart = m.div(denom)) {
                        updates[i] = g.div(denom).muli(wg).addi(momentumPart.muli(wm));
                    }
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_nadam")
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("eps", eps)
                .arg("momentum_decay", momentumDecay)
                .build();
    }
}
