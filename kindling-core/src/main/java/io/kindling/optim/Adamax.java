package io.kindling.optim;

import io.kindling.config.Call;

/**
 * Adamax with {@code torch.optim.Adamax}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_adamax(β₁, β₂, ε), scale(-lr))}, i.e. {@code g ← g + λp; m ← β₁m + (1−β₁)g; u ← max(β₂u,
 * |g| + ε); p ← p − lr/(1 − β₁ᵗ)·m/u}.
 *
 * <p>Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, arXiv:1412.6980,
 * section 7.1. Example: {@code adamax(lr=2e-3)}.
 *
 * @param lr learning rate &gt; 0 (torch default 2e-3)
 * @param beta1 β₁ in [0, 1) (default 0.9)
 * @param beta2 β₂ in [0, 1) (default 0.999)
 * @param eps ε &gt; 0 (default 1e-8)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 */
public record Adamax(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements NamedOptimizer {

    public Adamax {
        AdaptiveSupport.requireAdamArgs(lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(weightDecay, new ScaleByAdamax(beta1, beta2, eps), lr);
    }

    @Override
    public Adamax withLr(double newLr) {
        return new Adamax(newLr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Call toExpr() {
        return AdaptiveSupport.adamArgs("adamax", lr, beta1, beta2, eps, weightDecay).build();
    }
}
