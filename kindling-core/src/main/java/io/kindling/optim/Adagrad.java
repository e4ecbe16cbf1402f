package io.kindling.optim;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;

/**
 * Adagrad with {@code torch.optim.Adagrad}'s semantics: {@code chain(add_weight_decay(λ),
 * scale_by_adagrad(lr_decay, initial_accumulator_value, ε), scale(-lr))}, i.e. {@code g ← g + λp; s
 * ← s + g²; p ← p − lr/(1 + (t−1)·lr_decay) · g/(√s + ε)}.
 *
 * <p>Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011. Example: {@code adagrad(lr=0.05, lr_decay=1e-4)}.
 *
 * @param lr learning rate &gt; 0 (torch default 1e-2)
 * @param lrDecay ≥ 0 (default 0)
 * @param weightDecay coupled L2 λ ≥ 0 (default 0)
 * @param initialAccumulatorValue starting sum of squares ≥ 0 (default 0)
 * @param eps ε &gt; 0 (default 1e-10)
 */
public record Adagrad(
        double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
        implements NamedOptimizer {

    public Adagrad {
        AdaptiveSupport.requireNonNegative("lr", lr);
        AdaptiveSupport.requireNonNegative("lr_decay", lrDecay);
        AdaptiveSupport.requireNonNegative("weight_decay", weightDecay);
        AdaptiveSupport.requireNonNegative("initial_accumulator_value", initialAccumulatorValue);
        AdaptiveSupport.requirePositive("eps", eps);
    }

    @Override
    public Chain chain() {
        return NamedOptimizer.coupled(
                weightDecay, new ScaleByAdagrad(lrDecay, initialAccumulatorValue, eps), lr);
    }

    @Override
    public Adagrad withLr(double newLr) {
        return new Adagrad(newLr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("adagrad")
                .arg("lr", lr)
                .arg("lr_decay", lrDecay)
                .arg("weight_decay", weightDecay)
                .arg("initial_accumulator_value", initialAccumulatorValue)
                .arg("eps", eps)
                .build();
    }
}
