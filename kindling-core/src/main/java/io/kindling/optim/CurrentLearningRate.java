package io.kindling.optim;

import java.util.OptionalDouble;

/**
 * A transform that runs an optimizer with a learning rate of its state ({@link InjectLearningRate},
 * {@link ScheduledHyperparameter} on {@code lr}) or holds one that may (chains, parameter groups,
 * masks): the places {@link LearningRates#current} looks into. Package-private: the bound forms of
 * chains and groups are private records, and callers go through {@link LearningRates#current}.
 */
interface CurrentLearningRate {

    /**
     * The learning rate of the latest update, as {@link LearningRates#current} defines it.
     *
     * @param state this transform's state
     * @return the lr, or empty when this transform runs none
     */
    OptionalDouble currentLr(TransformState state);
}
