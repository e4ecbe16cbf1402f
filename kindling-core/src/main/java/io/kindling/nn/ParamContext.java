package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Everything an initializer may need to know about one parameter, recorded by the model builder:
 * where it sits, what it does, its fans, the nonlinearity that follows its layer, the depth of its
 * layer in the network, and the tags its family declares ({@link TagKey}: {@code block}, {@code
 * stage}, {@code gate}, {@code projection}, …).
 *
 * <p>Fans follow PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight of shape {@code
 * (out, in, k...)}, fan-in = in × receptive field and fan-out = out × receptive field. Biases and
 * norm parameters carry the fans of the layer they belong to.
 *
 * <p>Only facts every family has are components; a family-specific fact is a tag, so adding one
 * does not change this record, its constructors or the selector ({@code gate=forget} and {@code
 * projection=mlp_out} are matched like any other declared tag). The width multiplier stays a
 * component: it is a number that μP's init and optimizer groups compute with, for any family.
 *
 * @param name unique dotted name, e.g. {@code layer2.weight}
 * @param shape the tensor shape, PyTorch layout
 * @param layer kind of layer
 * @param role what the parameter does in its layer
 * @param fanIn fan-in of the layer
 * @param fanOut fan-out of the layer
 * @param nonlinearity the activation applied after this layer ({@code identity} for the output)
 * @param depthIndex 1-based index of the layer among the model's weighted layers
 * @param totalDepth number of weighted layers in the model
 * @param residual where the parameter sits in a residual branch, or null outside any branch
 * @param widthMultiplier width relative to the base model (μP), 1 for plain models
 * @param tags the declared facts about the parameter
 */
public record ParamContext(
        String name,
        Shape shape,
        LayerKind layer,
        Role role,
        long fanIn,
        long fanOut,
        Activation nonlinearity,
        int depthIndex,
        int totalDepth,
        ResidualPosition residual,
        double widthMultiplier,
        Tags tags) {

    public ParamContext {
        Objects.requireNonNull(name, "name");
        tags = tags == null ? Tags.NONE : tags;
    }

    /** The value of a tag, or what its absence counts as ({@link TagKey#absent()}). */
    public String tag(TagKey key) {
        return tags.get(key);
    }

    /** This context with one more tag. */
    public ParamContext withTag(TagKey key, String value) {
        return new ParamContext(
                name,
                shape,
                layer,
                role,
                fanIn,
                fanOut,
                nonlinearity,
                depthIndex,
                totalDepth,
                residual,
                widthMultiplier,
                tags.with(key, value));
    }

    /** This context for a slice of the parameter: another name, shape and fan-out. */
    public ParamContext slice(String sliceName, Shape sliceShape, long sliceFanOut) {
        return new ParamContext(
                sliceName,
                sliceShape,
                layer,
                role,
                fanIn,
                sliceFanOut,
                nonlinearity,
                depthIndex,
                totalDepth,
                residual,
                widthMultiplier,
                tags);
    }

    /** The dotted name of the block the parameter sits in, or "" outside any residual block. */
    public String block() {
        return tag(ModelBuilder.BLOCK);
    }

    /** The 1-based stage (resolution level) of a convolutional model, 0 outside any stage. */
    public int stage() {
        return Integer.parseInt(tag(ModelBuilder.STAGE));
    }

    /** The dotted name of the layer that owns the parameter: the name without its last part. */
    public String layerName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Whether this parameter belongs to the first weighted layer. */
    public boolean isFirst() {
        return depthIndex == 1;
    }

    /** Whether this parameter belongs to the last weighted layer (usually the classifier). */
    public boolean isLast() {
        return depthIndex == totalDepth;
    }

    /** Whether this parameter's layer ends a residual branch (GPT-2's {@code c_proj}). */
    public boolean residualOut() {
        return residual != null && residual.endsBranch();
    }

    /**
     * The context of a lone weight tensor of the given shape, outside any model (as {@code kindling
     * sample} and tests use): linear for rank 2, conv above, fans by PyTorch's rule, followed by
     * {@code nonlinearity}, a single layer deep.
     *
     * @param shape at least rank 1; rank 1 takes fan-in = fan-out = its length
     * @param nonlinearity the activation assumed to follow
     * @return the context
     */
    public static ParamContext ofWeight(Shape shape, Activation nonlinearity) {
        long[] dims = shape.getShape();
        if (dims.length == 0) {
            throw new IllegalArgumentException("a weight needs at least one dimension");
        }
        long receptive = 1;
        for (int i = 2; i < dims.length; i++) {
            receptive *= dims[i];
        }
        long fanOut = dims[0] * receptive;
        long fanIn = dims.length > 1 ? dims[1] * receptive : dims[0];
        return new ParamContext(
                "weight",
                shape,
                dims.length > 2 ? LayerKind.CONV : LayerKind.LINEAR,
                Role.WEIGHT,
                fanIn,
                fanOut,
                nonlinearity,
                1,
                1,
                null,
                1.0,
                Tags.NONE);
    }

    /** Whether the optimizer should update this parameter. */
    public boolean trainable() {
        return role != Role.BUFFER;
    }
}
