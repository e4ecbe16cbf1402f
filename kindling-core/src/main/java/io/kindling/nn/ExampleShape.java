package io.kindling.nn;

/**
 * What one example looks like at a point inside a model, as the {@link ModelBuilder} tracks it
 * (without the batch axis): a row of features, an image, a sequence of vectors, or a sequence of
 * token ids. Layers state which forms they accept and which they produce, so a layer that cannot
 * fit is refused, naming the layer, before any tensor exists.
 */
public sealed interface ExampleShape {

    /**
     * How an error message describes the shape, e.g. {@code 6×14×14} or {@code 12 steps × 8
     * values}.
     */
    String describe();

    /**
     * A row of values, {@code (features)}.
     *
     * @param features values per example
     */
    record Row(long features) implements ExampleShape {
        @Override
        public String describe() {
            return features + " features";
        }
    }

    /**
     * An image, {@code (channels, height, width)}.
     *
     * @param channels channels
     * @param height rows of pixels
     * @param width columns of pixels
     */
    record Image(long channels, long height, long width) implements ExampleShape {
        /** The same image size with another number of channels. */
        public Image withChannels(long c) {
            return new Image(c, height, width);
        }

        @Override
        public String describe() {
            return channels + "×" + height + "×" + width;
        }
    }

    /**
     * A sequence of vectors, {@code (steps, width)}.
     *
     * @param steps time steps
     * @param width values per step
     */
    record Steps(long steps, long width) implements ExampleShape {
        @Override
        public String describe() {
            return steps + " steps × " + width + " values";
        }
    }

    /**
     * A sequence of token ids, {@code (steps)}, which an embedding turns into {@link Steps}.
     *
     * @param steps tokens per example
     */
    record TokenIds(long steps) implements ExampleShape {
        @Override
        public String describe() {
            return steps + " token ids";
        }
    }
}
