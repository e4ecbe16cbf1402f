package io.kindling.nn;

import io.kindling.config.Expressible;

/**
 * A model described by an expression such as {@code mlp(depth=3, width=256)} or {@code
 * resnet(blocks=9, width=16)}, not yet built.
 */
public interface ModelSpec extends Expressible {

    /**
     * Builds the network with fresh, uninitialized parameters whose contexts are recorded.
     *
     * @param input what one example looks like (a row, or an image)
     * @param outputs number of outputs (classes)
     * @return the model
     * @throws io.kindling.config.ConfigException if the model does not fit the input (an image
     *     model on a table, a kernel larger than what reaches it)
     */
    Model build(InputShape input, int outputs);

    /** Builds the network for rows of {@code inputs} features. */
    default Model build(long inputs, int outputs) {
        return build(InputShape.flat(inputs), outputs);
    }
}
