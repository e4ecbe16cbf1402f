package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A named optimizer ({@code sgd}, {@code adam}, …): a predefined chain of transforms with
 * {@code torch.optim}'s arguments, which prints under its own name.
 */
public interface NamedOptimizer extends GradientTransform, HasLearningRate {

    /** The chain this optimizer is. */
    Chain chain();

    @Override
    default TransformState init(List<NDArray> params, NDManager manager) {
        return chain().init(params, manager);
    }

    @Override
    default void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        chain().update(updates, state, params);
    }
}
