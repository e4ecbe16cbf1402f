package io.kindling.optim;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Adadelta with {@code torch.optim.Adadelta}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_adadelta(ρ, ε), scale(-lr))}, i.e. {@code g ← g + λp; s ← ρs + (1−ρ)g²; Δ = √(δ + ε)/√(s
 * + ε)·g; δ ← ρδ + (1−ρ)Δ²; p ← p − lr·Δ}.
 *
 * <p>Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012, arXiv:1212.5701. Example: {@code
 * adadelta(lr=1, rho=0.95)}.
 *
 * @param lr multiplier of the step &gt; 0 (torch default 1.0)
 * @param rho ρ in [0, 1] (default 0.9)
 * @param eps ε &gt; 0 (default 1e-6)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 */
public record Adadelta(double lr, double rho, double eps, double weightDecay)
        implements NamedOptimizer {

    public Adadelta {
        AdaptiveSupport.requireNonNegative("lr", lr);
        AdaptiveSupport.requireUnit("rho", rho);
        AdaptiveSupport.requirePositive("eps", eps);
        AdaptiveSupport.requireNonNegative("weight_decay", weightDecay);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(weightDecay, new ScaleByAdadelta(rho, eps), lr);
    }

    @Override
    public Adadelta withLr(double newLr) {
        return new Adadelta(newLr, rho, eps, weightDecay);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("adadelta")
                .arg("lr", lr)
                .arg("rho", rho)
                .arg("eps", eps)
                .arg("weight_decay", weightDecay)
                .build();
    }
}
