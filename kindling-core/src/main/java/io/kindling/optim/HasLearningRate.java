package io.kindling.optim;

/**
 * An optimizer built with a learning rate, which it can be built again with: what {@link
 * InjectLearningRate} (optax's {@code inject_hyperparams}) calls before each update to run it with
 * that update's lr. Every optimizer with an {@code lr} argument implements it (the named
 * optimizers, LARS, LAMB, Lion); a transform that prints an {@code lr} but does not implement it
 * cannot have its lr scheduled.
 */
public interface HasLearningRate extends GradientTransform {

    /** The base learning rate, as written. */
    double lr();

    /**
     * This optimizer with learning rate {@code lr} and every other argument as it is, by its
     * constructor. Its state has the same layout, so the state of this one carries over to it.
     *
     * @param lr the new learning rate
     * @return the optimizer with that lr (equal to this one when {@code lr == lr()})
     * @throws IllegalArgumentException if the optimizer does not accept {@code lr}
     */
    HasLearningRate withLr(double lr);
}
