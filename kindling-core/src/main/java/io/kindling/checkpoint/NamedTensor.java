package io.kindling.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor as stored on disk: a name, an element type, a shape and the raw little-endian bytes in
 * row-major (C) order. A scalar has shape {@code []} and one element.
 *
 * <p>{@code data} is not copied (checkpoints can be large); treat it as immutable. {@code shape} is
 * copied.
 *
 * <pre>{@code
 * NamedTensor w = NamedTensor.of("fc1.weight", array);   // from DJL
 * NDArray back = w.toNDArray(manager);                   // and back, same dtype and shape
 * }</pre>
 *
 * @param name the key in the file ({@code "fc1.weight"}); not empty
 * @param dtype the element type
 * @param shape the dimensions, each {@code >= 0}
 * @param data {@code product(shape) * dtype.bytes()} little-endian bytes
 */
public record NamedTensor(String name, Dtype dtype, long[] shape, byte[] data) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a tensor name must not be empty");
        }
        shape = shape.clone();
        long expected = byteSize(dtype, shape);
        if (expected < 0) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "' has an invalid shape "
                            + Arrays.toString(shape)
                            + " (dimensions must be >= 0 and fit in memory)");
        }
        if (expected != data.length) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "' is "
                            + dtype
                            + " "
                            + Arrays.toString(shape)
                            + ", which needs "
                            + expected
                            + " bytes, got "
                            + data.length);
        }
    }

    /**
     * The bytes a tensor of this type and shape takes, or -1 if a dimension is negative or the size
     * overflows a long.
     */
    static long byteSize(Dtype dtype, long[] shape) {
        long n = dtype.bytes();
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /** The number of elements (1 for a scalar). */
    public long size() {
        return data.length / dtype.bytes();
    }

    /**
     * Copies {@code array}'s values (from wherever it lives) into a tensor named {@code name}.
     *
     * @throws IllegalArgumentException for DJL types with no fixed width (strings, complex)
     */
    public static NamedTensor of(String name, NDArray array) {
        requireLittleEndianPlatform();
        Dtype dtype = Dtype.of(array.getDataType());
        return new NamedTensor(name, dtype, array.getShape().getShape(), array.toByteArray());
    }

    /**
     * A new array in {@code manager} with this tensor's type, shape and values.
     *
     * @throws UnsupportedOperationException for {@link Dtype#BF16}: DJL 0.35's PyTorch engine
     *     aborts the JVM when it creates a bfloat16 array, so use {@link #widenBf16()} first
     */
    public NDArray toNDArray(NDManager manager) {
        requireLittleEndianPlatform();
        if (dtype == Dtype.BF16) {
            throw new UnsupportedOperationException(
                    "tensor '"
                            + name
                            + "' is BF16, which DJL's "
                            + "PyTorch engine cannot create (it aborts); call widenBf16() for an exact "
                            + "F32 copy");
        }
        ByteBuffer buf = manager.allocateDirect(data.length).order(ByteOrder.nativeOrder());
        buf.put(data).rewind();
        return manager.create(buf, new Shape(shape), dtype.dataType());
    }

    /**
     * This BF16 tensor as F32, exactly: a bfloat16 is the high 16 bits of a float32, so each value
     * gets 16 zero bits below it.
     *
     * @throws IllegalStateException if this tensor is not BF16
     */
    public NamedTensor widenBf16() {
        if (dtype != Dtype.BF16) {
            throw new IllegalStateException("tensor '" + name + "' is " + dtype + ", not BF16");
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(data.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            out.putInt((in.getShort() & 0xFFFF) << 16);
        }
        return new NamedTensor(name, Dtype.F32, shape, out.array());
    }

    // DJL's toByteArray and create(ByteBuffer) use native order; stored bytes are little-endian.
    private static void requireLittleEndianPlatform() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException(
                    "tensor files are little-endian; this platform is " + ByteOrder.nativeOrder());
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t
                && name.equals(t.name)
                && dtype == t.dtype
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return name + ": " + dtype + " " + Arrays.toString(shape);
    }
}
