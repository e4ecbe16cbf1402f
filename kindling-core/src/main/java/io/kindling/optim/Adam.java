package io.kindling.optim;

import io.kindling.config.Call;

/**
 * Adam with {@code torch.optim.Adam}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_adam(β₁, β₂, ε, amsgrad), scale(-lr))}, i.e. {@code g ← g + λp; p ← p − lr·m̂/(√v̂ + ε)}
 * with torch's bias correction and ε placement (see {@link ScaleByAdam}). The weight decay is
 * coupled L2, added to the gradient before the moments; for decoupled decay use {@link AdamW}.
 *
 * <p>Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, arXiv:1412.6980;
 * AMSGrad: Reddi, Kale &amp; Kumar, ICLR 2018. Example: {@code adam(lr=3e-4, weight_decay=1e-5)}.
 *
 * @param lr learning rate &gt; 0 (torch default 1e-3)
 * @param beta1 β₁ in [0, 1) (default 0.9)
 * @param beta2 β₂ in [0, 1) (default 0.999)
 * @param eps ε &gt; 0 (default 1e-8)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 * @param amsgrad use the AMSGrad maximum (default false)
 */
public record Adam(
        double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements NamedOptimizer {

    public Adam {
        AdaptiveSupport.requireAdamArgs(lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(weightDecay, new ScaleByAdam(beta1, beta2, eps, amsgrad), lr);
    }

    @Override
    public Adam withLr(double newLr) {
        return new Adam(newLr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    @Override
    public Call toExpr() {
        return AdaptiveSupport.adamArgs("adam", lr, beta1, beta2, eps, weightDecay)
                .arg("amsgrad", amsgrad)
                .build();
    }
}
