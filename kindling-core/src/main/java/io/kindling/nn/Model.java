package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;

/**
 * A built network: the DJL block tree that computes it, every parameter with its context in the
 * order the blocks create them, and the probes its builder placed.
 *
 * @param spec the expression the model was built from
 * @param block the DJL block (the root of the tree)
 * @param inputShape the shape of one input batch of size 1, e.g. {@code (1, 784)}
 * @param parameters every parameter, in forward order
 * @param probes every probe, in forward order
 * @param output what the model gives for one example: a row (one output per example) or a sequence
 *     (an output per step)
 */
public record Model(
        ModelSpec spec,
        Block block,
        Shape inputShape,
        List<ModelParameter> parameters,
        List<Probe> probes,
        ExampleShape output) {

    public Model {
        parameters = List.copyOf(parameters);
        probes = List.copyOf(probes);
    }

    /** The parameters the optimizer updates (everything but running statistics). */
    public List<ModelParameter> trainable() {
        return parameters.stream().filter(p -> p.context().trainable()).toList();
    }

    /** Number of trainable scalar values. */
    public long trainableCount() {
        return trainable().stream().mapToLong(p -> p.context().shape().size()).sum();
    }

    /** The probes of one kind, in forward order. */
    public List<Probe> probes(ProbeKind kind) {
        return probes.stream().filter(p -> p.kind() == kind).toList();
    }

    /** The probe of the given kind on the named layer (or block), if there is one. */
    public Optional<Probe> probe(String layer, ProbeKind kind) {
        return probes.stream().filter(p -> p.kind() == kind && p.layer().equals(layer)).findFirst();
    }

    /** Whether any parameter sits in a residual branch. */
    public boolean hasResidualBranches() {
        return parameters.stream().anyMatch(p -> p.context().residual() != null);
    }
}
