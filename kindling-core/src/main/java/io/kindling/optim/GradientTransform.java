package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Expressible;
import io.kindling.nn.ParamContext;
import java.util.List;

/**
 * One step of an optimizer, as in optax: a pair of functions {@code init(params) → state} and
 * {@code update(updates, state, params) → updates}. Optimizers are chains of these; the last link
 * turns the update into the change added to the parameters ({@code p ← p + u}).
 *
 * <p>Contract: {@code update} replaces entries of {@code updates} with new arrays and never
 * modifies an incoming update array in place (it may be another transform's state). The trainer
 * runs the whole chain inside a per-step scope, so new arrays are freed after the step.
 */
public interface GradientTransform extends Expressible {

    /**
     * Creates the state for these parameters.
     *
     * @param params the parameters, in order
     * @param manager where state buffers live
     * @return the initial state
     */
    TransformState init(List<NDArray> params, NDManager manager);

    /**
     * Transforms the updates (initially the gradients) for one step.
     *
     * @param updates the incoming updates, replaced in place by the outgoing ones
     * @param state this transform's state, advanced by one step
     * @param params the current parameters
     */
    void update(NDArray[] updates, TransformState state, List<NDArray> params);

    /**
     * This transform made ready for a model's parameters, for transforms that select parameters by
     * their context (parameter groups, masks). Called once, before {@link #init}; the default needs
     * nothing and returns itself.
     *
     * @param contexts the contexts of the parameters the updates will be for, in order
     * @return the transform to init and run
     */
    default GradientTransform bind(List<ParamContext> contexts) {
        return this;
    }
}
