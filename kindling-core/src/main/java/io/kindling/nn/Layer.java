package io.kindling.nn;

/**
 * One step of a model's construction: adds its blocks to the {@link ModelBuilder}, records their
 * parameters and probes, and changes the tracked {@link ExampleShape}. The layer modules ({@link
 * Dense}, {@link Convolution}, {@link Recurrence}, {@link Embeddings}, {@link Transformer}) hand
 * out layers; a family chains them with {@link ModelBuilder#then}, and a user's own layer is a
 * lambda over the builder's recording API.
 */
@FunctionalInterface
public interface Layer {

    /**
     * Adds this layer at the builder's current position.
     *
     * @param model the builder
     * @throws io.kindling.config.ConfigException if the layer does not fit what reaches it
     */
    void addTo(ModelBuilder model);
}
