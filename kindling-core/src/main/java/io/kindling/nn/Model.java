package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;

/**
 * A built network: the DJL block that computes it and every parameter with its context, in
 * the order the block creates them.
 *
 * @param spec the expression the model was built from
 * @param block the DJL block
 * @param inputShape the shape of one input batch of size 1, e.g. {@code (1, 784)}
 * @param parameters every parameter, in forward order
 */
public record Model(ModelSpec spec, Block block, Shape inputShape, List<ModelParameter> parameters) {

    public Model {
        parameters = List.copyOf(parameters);
    }

    /** The parameters the optimizer updates (everything but running statistics). */
    public List<ModelParameter> trainable() {
        return parameters.stream().filter(p -> p.context().trainable()).toList();
    }

    /** Number of trainable scalar values. */
    public long trainableCount() {
        return trainable().stream().mapToLong(p -> p.context().shape().size()).sum();
    }
}
