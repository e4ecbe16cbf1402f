package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * Reads the output of the weighted layer that owns a parameter (before its norm and activation),
 * through the probe its builder placed there, as data-dependent inits need.
 */
public final class LayerOutputs {

    private LayerOutputs() {}

    /**
     * The raw output of the layer that owns {@code parameter}, in inference mode.
     *
     * @param model the model
     * @param store the parameter store
     * @param input a batch of inputs
     * @param parameter a weight or bias of a linear or conv layer of the model
     * @return that layer's output on {@code input}
     * @throws IllegalArgumentException if no probe watches the parameter's layer
     */
    public static NDArray of(
            Model model, ParameterStore store, NDArray input, ModelParameter parameter) {
        String layer = parameter.context().layerName();
        Probe probe =
                model.probe(layer, ProbeKind.OUTPUT)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no probe watches layer "
                                                        + layer
                                                        + " of "
                                                        + model.spec().print()));
        try (ProbeSession probes = ProbeSession.open(true)) {
            model.block().forward(store, new NDList(input), false);
            return probes.get(probe);
        }
    }
}
