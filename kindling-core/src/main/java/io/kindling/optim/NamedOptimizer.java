package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A named optimizer ({@code sgd}, {@code adam}, …): a predefined chain of transforms with {@code
 * torch.optim}'s arguments, which prints under its own name.
 */
public interface NamedOptimizer extends GradientTransform, HasLearningRate {

    /** The chain this optimizer is. */
    Chain chain();

    /**
     * The shape of most {@code torch.optim} rules: coupled L2 added to the gradient (when λ ≠ 0),
     * the optimizer's own step, then {@code scale(-lr)}.
     *
     * @param weightDecay coupled λ
     * @param step the adaptive step, e.g. {@code scale_by_adam}
     * @param lr the learning rate
     * @return the chain
     */
    static Chain coupled(double weightDecay, GradientTransform step, double lr) {
        return weightDecay == 0
                ? Chain.of(step, new Scale(-lr))
                : Chain.of(new AddWeightDecay(weightDecay), step, new Scale(-lr));
    }

    @Override
    default TransformState init(List<NDArray> params, NDManager manager) {
        return chain().init(params, manager);
    }

    @Override
    default void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        chain().update(updates, state, params);
    }
}
