package io.kindling.optim;

import io.kindling.config.Call;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW with {@code torch.optim.AdamW}'s semantics: Adam with decoupled weight decay, {@code
 * chain(scale_by_adam(β₁, β₂, ε, amsgrad), add_weight_decay(λ), scale(-lr))}, i.e. {@code p ← p −
 * lr·λ·p − lr·m̂/(√v̂ + ε)}. The decay is added after the moment estimate, so Adam's normalization
 * never sees it, and it is multiplied by lr exactly as torch's {@code p.mul_(1 − lr·λ)}; torch
 * applies it before the Adam step, which is the same because the Adam step does not depend on p.
 * With a learning-rate schedule replacing the final scale the decay follows the schedule, as
 * torch's does.
 *
 * <p>Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, arXiv:1711.05101.
 * Example: {@code adamw(lr=1e-3, weight_decay=0.05)}.
 *
 * @param lr learning rate &gt; 0 (torch default 1e-3)
 * @param beta1 β₁ in [0, 1) (default 0.9)
 * @param beta2 β₂ in [0, 1) (default 0.999)
 * @param eps ε &gt; 0 (default 1e-8)
 * @param weightDecay decoupled λ ≥ 0 (default 0.01)
 * @param amsgrad use the AMSGrad maximum (default false)
 */
public record AdamW(
        double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements NamedOptimizer {

    public AdamW {
        AdaptiveSupport.requireAdamArgs(lr, beta1, beta2, eps, weightDecay);
    }

    @Override
    public Chain chain() {
        List<GradientTransform> links = new ArrayList<>();
        links.add(new ScaleByAdam(beta1, beta2, eps, amsgrad));
        if (weightDecay != 0) {
            links.add(new AddWeightDecay(weightDecay));
        }
        links.add(new Scale(-lr));
        return new Chain(links);
    }

    @Override
    public AdamW withLr(double newLr) {
        return new AdamW(newLr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    @Override
    public Call toExpr() {
        return AdaptiveSupport.adamArgs("adamw", lr, beta1, beta2, eps, weightDecay)
                .arg("amsgrad", amsgrad)
                .build();
    }
}
