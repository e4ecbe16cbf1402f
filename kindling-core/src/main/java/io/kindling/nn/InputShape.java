package io.kindling.nn;

import ai.djl.ndarray.types.Shape;

/**
 * What one example looks like to a model: a row of {@code features} values, which are also {@code
 * channels × height × width} pixels when the data are images (rows are pixel-major, as the IDX
 * readers lay them out). Convolutional models view the row as an image; an MLP reads the row.
 *
 * <p>A sequence is a row too: {@code steps} time steps of {@code features / steps} values each,
 * step-major, which recurrent models view as {@code (steps, features / steps)}. Token sequences
 * ({@code vocab > 0}) hold one token id per step (stored as a float, exact below 2²⁴), which
 * embedding layers read.
 *
 * @param features values per example
 * @param channels image channels, or 0 when the data are a table
 * @param height image height, or 0
 * @param width image width, or 0
 * @param steps time steps of a sequence, or 0 when the example is not a sequence
 * @param vocab vocabulary size when the sequence holds token ids, or 0
 */
public record InputShape(long features, int channels, int height, int width, int steps, int vocab) {

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
        if (steps < 0 || vocab < 0 || (steps > 0 && features % steps != 0)) {
            throw new IllegalArgumentException(
                    features + " values do not make a sequence of " + steps + " steps");
        }
        if (vocab > 0 && steps != features) {
            throw new IllegalArgumentException(
                    "a token sequence holds one token per step; got "
                            + features
                            + " values for "
                            + steps
                            + " steps");
        }
        if (channels > 0 && steps > 0) {
            throw new IllegalArgumentException("an example is an image or a sequence, not both");
        }
    }

    /** An image or a table row (not a sequence). */
    public InputShape(long features, int channels, int height, int width) {
        this(features, channels, height, width, 0, 0);
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

    /**
     * A sequence of {@code steps} steps with {@code perStep} real values each.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public static InputShape sequence(int steps, int perStep) {
        if (steps < 1 || perStep < 1) {
            throw new IllegalArgumentException(
                    "bad sequence shape: " + steps + " steps of " + perStep + " values");
        }
        return new InputShape((long) steps * perStep, 0, 0, 0, steps, 0);
    }

    /**
     * A sequence of {@code steps} token ids from a vocabulary of {@code vocab} tokens.
     *
     * @throws IllegalArgumentException if either is below 1
     */
    public static InputShape tokens(int steps, int vocab) {
        if (steps < 1 || vocab < 1) {
            throw new IllegalArgumentException(
                    "bad token sequence: " + steps + " steps, vocabulary " + vocab);
        }
        return new InputShape(steps, 0, 0, 0, steps, vocab);
    }

    /** Whether the examples are sequences (of values or of tokens). */
    public boolean isSequence() {
        return steps > 0;
    }

    /** Whether the examples are sequences of token ids. */
    public boolean isTokens() {
        return vocab > 0;
    }

    /** Values per time step of a sequence (1 for tokens). */
    public long perStep() {
        if (!isSequence()) {
            throw new IllegalStateException(this + " is not a sequence");
        }
        return features / steps;
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
        if (isTokens()) {
            return steps + " tokens (vocabulary " + vocab + ")";
        }
        if (isSequence()) {
            return steps + " steps × " + perStep() + " values";
        }
        return isImage() ? channels + "×" + height + "×" + width : features + " features";
    }
}
