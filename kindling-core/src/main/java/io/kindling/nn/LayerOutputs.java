package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * Runs a sequential model block by block to read the output of the block that owns a given
 * parameter (a layer's pre-activation output), as data-dependent inits and diagnostics need.
 */
public final class LayerOutputs {

    private LayerOutputs() {}

    /**
     * The output of the child block that owns {@code parameter}, in inference mode.
     *
     * @param model a model whose block is a {@link SequentialBlock}
     * @param store the parameter store
     * @param input a batch of inputs
     * @param parameter a parameter of one of the model's children
     * @return the owning block's output on {@code input}
     * @throws IllegalArgumentException if the model is not sequential or does not own it
     */
    public static NDArray of(Model model, ParameterStore store, NDArray input,
            Parameter parameter) {
        if (!(model.block() instanceof SequentialBlock seq)) {
            throw new IllegalArgumentException("reading layer outputs needs a sequential model, got "
                    + model.spec().print());
        }
        NDList x = new NDList(input);
        for (Pair<String, Block> child : seq.getChildren()) {
            x = child.getValue().forward(store, x, false);
            if (owns(child.getValue(), parameter)) {
                return x.singletonOrThrow();
            }
        }
        throw new IllegalArgumentException("parameter " + parameter.getName()
                + " is not in any layer of " + model.spec().print());
    }

    private static boolean owns(Block block, Parameter parameter) {
        return block.getParameters().values().stream().anyMatch(p -> p == parameter);
    }
}
