package io.kindling.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The contents of an unsigned-byte IDX file: its dimensions and its data in row-major order. The
 * bytes are unsigned, so read a value as {@code data[i] & 0xFF}.
 *
 * <p>The arrays are shared, not copied: a 60,000-image file is 47 MB, and copying it at every
 * hand-over would only waste memory.
 *
 * @param shape the dimensions, outermost first (e.g. {@code [60000, 28, 28]})
 * @param data the values, {@code product(shape)} of them
 */
public record IdxArray(int[] shape, byte[] data) {

    /** Checks that the data has exactly as many values as the shape says. */
    public IdxArray {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + describe(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + describe(shape) + " needs " + size + " values, got " + data.length);
        }
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** The shape written as {@code 60000x28x28}. */
    public String shapeText() {
        return describe(shape);
    }

    static String describe(int[] shape) {
        return Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining("x"));
    }

    // Records compare arrays by reference; two reads of the same file should be equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray other
                && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray[" + shapeText() + "]";
    }
}
