package io.kindling.nn;

import io.kindling.config.Expressible;

/** A model described by an expression such as {@code mlp(depth=3, width=256)}, not yet built. */
public interface ModelSpec extends Expressible {

    /**
     * Builds the network with fresh, uninitialized parameters whose contexts are recorded.
     *
     * @param inputs number of input features per example
     * @param outputs number of outputs (classes)
     * @return the model
     */
    Model build(long inputs, int outputs);
}
