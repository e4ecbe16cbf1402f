package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;

/**
 * An identity block that a model builder places where a signal is worth watching: after a weighted
 * layer, before and after its activation, on the residual stream after each block. It passes its
 * input through untouched; while a {@link ProbeSession} is open on the thread it also hands the
 * tensor to the session. Diagnosis and data-dependent inits read a model through its probes, so no
 * model's forward is ever written twice.
 */
public final class Probe extends AbstractBlock {

    private static final byte VERSION = 1;

    private final String layer;
    private final ProbeKind kind;
    private final int index;

    /**
     * @param layer the dotted name of the layer or block observed, e.g. {@code stage2.block1}
     * @param kind what is observed
     * @param index 1-based depth of the observed layer among weighted layers, or of the block among
     *     residual blocks for {@link ProbeKind#STREAM}
     */
    public Probe(String layer, ProbeKind kind, int index) {
        super(VERSION);
        this.layer = layer;
        this.kind = kind;
        this.index = index;
    }

    /** The dotted name of the observed layer or block. */
    public String layer() {
        return layer;
    }

    /** What the probe observes. */
    public ProbeKind kind() {
        return kind;
    }

    /** Depth of the observed layer (or block, for the stream). */
    public int index() {
        return index;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        ProbeSession.observe(this, inputs.singletonOrThrow());
        return inputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "Probe(" + layer + ", " + kind.name().toLowerCase(Locale.ROOT) + ")";
    }
}
