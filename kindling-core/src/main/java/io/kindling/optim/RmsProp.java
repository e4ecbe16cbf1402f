package io.kindling.optim;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * RMSprop with {@code torch.optim.RMSprop}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_rms(α, ε, centered, μ), scale(-lr))}, i.e. {@code g ← g + λp; s ← αs + (1−α)g²; b ← μb +
 * g/(√s + ε); p ← p − lr·b} (see {@link ScaleByRms} for the centered form).
 *
 * <p>Hinton, Srivastava &amp; Swersky, "Neural Networks for Machine Learning", lecture 6e, 2012.
 * Example: {@code rmsprop(lr=1e-3, momentum=0.9, centered=true)}.
 *
 * @param lr learning rate &gt; 0 (torch default 1e-2)
 * @param alpha α in [0, 1) (default 0.99)
 * @param eps ε &gt; 0 (default 1e-8)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 * @param momentum μ ≥ 0 (default 0)
 * @param centered normalize by the estimated variance (default false)
 */
public record RmsProp(
        double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered)
        implements NamedOptimizer {

    public RmsProp {
        AdaptiveSupport.requireNonNegative("lr", lr);
        AdaptiveSupport.requireBeta("alpha", alpha);
        AdaptiveSupport.requirePositive("eps", eps);
        AdaptiveSupport.requireNonNegative("weight_decay", weightDecay);
        AdaptiveSupport.requireNonNegative("momentum", momentum);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(
                weightDecay, new ScaleByRms(alpha, eps, centered, momentum), lr);
    }

    @Override
    public RmsProp withLr(double newLr) {
        return new RmsProp(newLr, alpha, eps, weightDecay, momentum, centered);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("rmsprop")
                .arg("lr", lr)
                .arg("alpha", alpha)
                .arg("eps", eps)
                .arg("weight_decay", weightDecay)
                .arg("momentum", momentum)
                .arg("centered", centered)
                .build();
    }
}
