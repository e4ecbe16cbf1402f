package io.kindling.nn;

import ai.djl.ndarray.types.Shape;

/**
 * What one example looks like to a model: a row of {@code features} values, which are also {@code
 * channels × height × width} pixels when the data are images (rows are pixel-major, as the IDX
 * readers lay them out). Convolutional models view the row as an image; an MLP reads the row.
 *
 * @param features values per example
 * @param channels image channels, or 0 when the data are a table
 * @param height image height, or 0
 * @param width image width, or 0
 */
public record InputShape(long features, int channels, int height, int width) {

    public InputShape {
        if (features < 1) {
            throw new IllegalArgumentException(
                    "an example needs at least one feature, got " + features);
        }
        if (channels > 0 && (long) channels * height * width != features) {
            throw new IllegalArgumentException(
                    "image "
                            + channels
                            + "×"
                            + height
                            + "×"
                            + width
                            + " does not have "
                            + features
                            + " values");
        }
    }

    /** A table row of {@code features} values. */
    public static InputShape flat(long features) {
        return new InputShape(features, 0, 0, 0);
    }

    /**
     * Images of {@code channels × height × width}.
     *
     * @throws IllegalArgumentException if a dimension is below 1
     */
    public static InputShape image(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "bad image shape " + channels + "×" + height + "×" + width);
        }
        return new InputShape((long) channels * height * width, channels, height, width);
    }

    /** Whether the examples are images. */
    public boolean isImage() {
        return channels > 0;
    }

    /** The shape of a batch of one row, as the model's block receives it: {@code (1, features)}. */
    public Shape batchOfOne() {
        return new Shape(1, features);
    }

    @Override
    public String toString() {
        return isImage() ? channels + "×" + height + "×" + width : features + " features";
    }
}
