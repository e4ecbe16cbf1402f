package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * One parameter as a layer records it while the model is being built: everything its {@link
 * ParamContext} will hold except what only the finished model knows (total depth, the residual
 * position's branch counts, the width multiplier). Layers add tags and slices to it.
 */
public final class ParameterRecord {

    private final Parameter parameter;
    private final String name;
    private final Shape shape;
    private final LayerKind kind;
    private final Role role;
    private final long fanIn;
    private final long fanOut;
    private final Activation after;
    private final int branch;
    private final int position;
    private int depth;
    private Tags tags;
    private TagKey sliceKey;
    private List<String> sliceValues = List.of();

    ParameterRecord(
            Parameter parameter,
            String name,
            Shape shape,
            LayerKind kind,
            Role role,
            long fanIn,
            long fanOut,
            Activation after,
            int depth,
            int branch,
            int position,
            Tags tags) {
        this.parameter = parameter;
        this.name = name;
        this.shape = shape;
        this.kind = kind;
        this.role = role;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
        this.after = after;
        this.depth = depth;
        this.branch = branch;
        this.position = position;
        this.tags = tags;
    }

    /** Adds a tag, e.g. {@code projection=query}; an empty value adds nothing. */
    public ParameterRecord tag(TagKey key, String value) {
        if (value != null && !value.isEmpty()) {
            tags = tags.with(key, value);
        }
        return this;
    }

    /**
     * Cuts the parameter into equal blocks of rows, one per value, each tagged {@code key=value}
     * and named {@code name[value]} (an LSTM's gates); an empty list cuts nothing.
     */
    public ParameterRecord slicedBy(TagKey key, List<String> values) {
        this.sliceKey = key;
        this.sliceValues = List.copyOf(values);
        return this;
    }

    /** Places the parameter at another depth index than its layer's (a scalar before any layer). */
    public ParameterRecord atDepth(int depthIndex) {
        this.depth = depthIndex;
        return this;
    }

    String name() {
        return name;
    }

    int branch() {
        return branch;
    }

    boolean countsInBranch() {
        return branch > 0 && role == Role.WEIGHT;
    }

    ModelParameter finish(int totalDepth, ResidualPosition residual, double widthMultiplier) {
        ParamContext whole =
                new ParamContext(
                        name,
                        shape,
                        kind,
                        role,
                        fanIn,
                        fanOut,
                        after,
                        depth,
                        totalDepth,
                        residual,
                        widthMultiplier,
                        tags);
        return new ModelParameter(whole, parameter, slices(whole));
    }

    int position() {
        return position;
    }

    /** One context per block of rows, with the fans of its own block (fan-out = its rows). */
    private List<ParamContext> slices(ParamContext whole) {
        if (sliceValues.isEmpty()) {
            return List.of();
        }
        long[] dims = whole.shape().getShape();
        long rows = dims[0] / sliceValues.size();
        long[] slice = dims.clone();
        slice[0] = rows;
        List<ParamContext> out = new ArrayList<>();
        for (String value : sliceValues) {
            out.add(
                    whole.slice(whole.name() + "[" + value + "]", new Shape(slice), rows)
                            .withTag(sliceKey, value));
        }
        return out;
    }
}
