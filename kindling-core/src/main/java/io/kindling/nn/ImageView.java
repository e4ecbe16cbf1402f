package io.kindling.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Views each row of pixels as an image: {@code (N, C·H·W) → (N, C, H, W)}, PyTorch's NCHW layout.
 * Convolutional models start with it, so the data pipeline stays one row per example for every
 * family.
 */
public final class ImageView extends AbstractBlock {

    private static final byte VERSION = 1;

    private final InputShape image;

    /**
     * @param image the image shape of each row
     */
    public ImageView(InputShape image) {
        super(VERSION);
        if (!image.isImage()) {
            throw new IllegalArgumentException("an image view needs images, got " + image);
        }
        this.image = image;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        return new NDList(
                x.reshape(x.getShape().get(0), image.channels(), image.height(), image.width()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {
            new Shape(inputShapes[0].get(0), image.channels(), image.height(), image.width())
        };
    }

    @Override
    public String toString() {
        return "ImageView(" + image + ")";
    }
}
