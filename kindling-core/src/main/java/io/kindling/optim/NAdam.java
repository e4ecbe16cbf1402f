package io.kindling.optim;

import io.kindling.config.Call;

/**
 * NAdam with {@code torch.optim.NAdam}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_nadam(β₁, β₂, ε, momentum_decay), scale(-lr))} (see {@link ScaleByNadam} for torch's
 * momentum schedule μₜ = β₁(1 − ½·0.96^(t·ψ))).
 *
 * <p>Dozat, "Incorporating Nesterov Momentum into Adam", ICLR 2016 workshop. Example: {@code
 * nadam(lr=2e-3, momentum_decay=4e-3)}.
 *
 * @param lr learning rate &gt; 0 (torch default 2e-3)
 * @param beta1 β₁ in [0, 1) (default 0.9)
 * @param beta2 β₂ in [0, 1) (default 0.999)
 * @param eps ε &gt; 0 (default 1e-8)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 * @param momentumDecay ψ ≥ 0 (default 4e-3)
 */
public record NAdam(
        double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay)
        implements NamedOptimizer {

    public NAdam {
        AdaptiveSupport.requireAdamArgs(lr, beta1, beta2, eps, weightDecay);
        AdaptiveSupport.requireNonNegative("momentum_decay", momentumDecay);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(
                weightDecay, new ScaleByNadam(beta1, beta2, eps, momentumDecay), lr);
    }

    @Override
    public NAdam withLr(double newLr) {
        return new NAdam(newLr, beta1, beta2, eps, weightDecay, momentumDecay);
    }

    @Override
    public Call toExpr() {
        return AdaptiveSupport.adamArgs("nadam", lr, beta1, beta2, eps, weightDecay)
                .arg("momentum_decay", momentumDecay)
                .build();
    }
}
