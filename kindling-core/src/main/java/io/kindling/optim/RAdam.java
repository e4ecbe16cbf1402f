package io.kindling.optim;

import io.kindling.config.Call;

/**
 * RAdam with {@code torch.optim.RAdam}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_radam(β₁, β₂, ε), scale(-lr))}: momentum SGD while ρₜ ≤ 5, then Adam with the variance
 * rectification factor (see {@link ScaleByRadam}).
 *
 * <p>Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020,
 * arXiv:1908.03265. Example: {@code radam(lr=1e-3)}.
 *
 * @param lr learning rate &gt; 0 (torch default 1e-3)
 * @param beta1 β₁ in [0, 1) (default 0.9)
 * @param beta2 β₂ in [0, 1) (default 0.999)
 * @param eps ε &gt; 0 (default 1e-8)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 */
public record RAdam(double lr, double beta1, double beta2, double eps, double weightDecay)
        implements NamedOptimizer {

    public RAdam {
        AdaptiveSupport.requireAdamArgs(lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(weightDecay, new ScaleByRadam(beta1, beta2, eps), lr);
    }

    @Override
    public RAdam withLr(double newLr) {
        return new RAdam(newLr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Call toExpr() {
        return AdaptiveSupport.adamArgs("radam", lr, beta1, beta2, eps, weightDecay).build();
    }
}
