package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import java.util.List;

/**
 * Adagrad's accumulation with {@code torch.optim.Adagrad}'s exact arithmetic (step {@code t} counts
 * from 1):
 *
 * <pre>
 * s₀ = initial_accumulator_value
 * sₜ = sₜ₋₁ + g²
 * u  = g / (√sₜ + ε) / (1 + (t − 1)·lr_decay)
 * </pre>
 *
 * <p>torch folds the decay into the learning rate, {@code clr = lr / (1 + (t − 1)·lr_decay)}; since
 * it only divides the step it is applied here and the chain ends with {@code scale(-lr)} as usual,
 * so the decay also composes with a learning-rate schedule.
 *
 * <p>Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and Stochastic
 * Optimization", JMLR 12, 2011. Example: {@code scale_by_adagrad(lr_decay=0,
 * initial_accumulator_value=0, eps=1e-10)}.
 *
 * @param lrDecay ≥ 0, the step's divisor grows by this much per step
 * @param initialAccumulatorValue s₀ ≥ 0
 * @param eps ε &gt; 0
 */
public record ScaleByAdagrad(double lrDecay, double initialAccumulatorValue, double eps)
        implements GradientTransform {

    public ScaleByAdagrad {
        AdaptiveSupport.requireNonNegative("lr_decay", lrDecay);
        AdaptiveSupport.requireNonNegative("initial_accumulator_value", initialAccumulatorValue);
        AdaptiveSupport.requirePositive("eps", eps);
    }

    /** Buffers: the sums of squared gradients, starting at the initial accumulator value. */
    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        TransformState state = TransformState.zeros(params, manager, 1);
        List<NDArray> sums = state.buffers();
        if (initialAccumulatorValue != 0 && !sums.isEmpty()) {
            try (NDArray start = Scalars.like(sums.get(0), initialAccumulatorValue)) {
                for (NDArray s : sums) {
                    s.addi(start);
                }
            }
        }
        return state;
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        int n = updates.length;
        if (n == 0) {
            return;
        }
        double decay = 1 + state.count() * lrDecay;
        NDArray like = updates[0];
        try (NDArray epsilon = Scalars.like(like, eps);
                NDArray divisor = Scalars.like(like, decay)) {
            for (int i = 0; i < n; i++) {
                NDArray g = updates[i];
                NDArray sum = state.buffers().get(i);
                try (NDArray squared = g.square()) {
                    sum.addi(squared);
                }
                try (NDArray std = sum.sqrt()) {
                    std.addi(epsilon);
                    NDArray u = g.div(std);
                    updates[i] = lrDecay == 0 ? u : u.divi(divisor);
                }
            }
        }
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scale_by_adagrad")
                .arg("lr_decay", lrDecay)
                .arg("initial_accumulator_value", initialAccumulatorValue)
                .arg("eps", eps)
                .build();
    }
}
