package io.kindling.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Element types of stored tensors, named as in the safetensors header ({@code "F32"}), with their
 * width, NumPy {@code descr} and DJL type. All multi-byte types are little-endian.
 */
public enum Dtype {
    F64(8, "<f8", DataType.FLOAT64),
    F32(4, "<f4", DataType.FLOAT32),
    F16(2, "<f2", DataType.FLOAT16),
    /**
     * bfloat16: the top 16 bits of a float32. NumPy has no such type and DJL's PyTorch engine
     * cannot create one; {@link NamedTensor#widenBf16()} gives the exact float32.
     */
    BF16(2, null, DataType.BFLOAT16),
    I64(8, "<i8", DataType.INT64),
    I32(4, "<i4", DataType.INT32),
    I16(2, "<i2", DataType.INT16),
    I8(1, "|i1", DataType.INT8),
    U64(8, "<u8", DataType.UINT64),
    U32(4, "<u4", DataType.UINT32),
    U16(2, "<u2", DataType.UINT16),
    U8(1, "|u1", DataType.UINT8),
    /** One byte per element, 0 or 1. */
    BOOL(1, "|b1", DataType.BOOLEAN);

    private final int bytes;
    private final String numpyDescr;
    private final DataType dataType;

    Dtype(int bytes, String numpyDescr, DataType dataType) {
        this.bytes = bytes;
        this.numpyDescr = numpyDescr;
        this.dataType = dataType;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The NumPy array-protocol type string ({@code "<f4"}), or null for {@link #BF16}. */
    public String numpyDescr() {
        return numpyDescr;
    }

    /** The DJL element type. */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The dtype named {@code name} in a safetensors header.
     *
     * @throws CheckpointException naming the accepted names if there is none
     */
    public static Dtype fromHeader(String name) {
        for (Dtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new CheckpointException("unsupported dtype '" + name + "'; supported: " + known());
    }

    /**
     * The dtype that stores DJL's {@code type}.
     *
     * @throws IllegalArgumentException for types with no fixed-width form (strings, complex)
     */
    public static Dtype of(DataType type) {
        for (Dtype d : values()) {
            if (d.dataType == type) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "cannot store DJL type "
                        + type
                        + "; supported: "
                        + Arrays.stream(values())
                                .map(d -> d.dataType.toString())
                                .collect(Collectors.joining(", ")));
    }

    static String known() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
