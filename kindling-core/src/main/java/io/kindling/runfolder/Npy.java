package io.kindling.runfolder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes NumPy {@code .npy} files (format version 1.0, C order), so {@code numpy.load} and {@code
 * torch.from_numpy} read Kindling's tensors directly. The layout: the magic {@code \x93NUMPY},
 * version {@code 1 0}, a little-endian u16 header length, then an ASCII Python dict literal {@code
 * {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and a final
 * newline so the data starts at a multiple of 64, then the data (<a
 * href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">NumPy format
 * spec</a>).
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {}

    /**
     * Writes {@code values} as little-endian float32 with the given shape, atomically (temp file,
     * then rename).
     *
     * @param file the target
     * @param values row-major values
     * @param shape the dimensions; their product must equal {@code values.length}
     * @throws IOException if the file cannot be written
     */
    public static void writeFloat32(Path file, float[] values, long[] shape) throws IOException {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(
                    "shape holds " + count + " values, got " + values.length);
        }
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        AtomicFile.write(file, encode("<f4", shape, data.array()));
    }

    /**
     * The bytes of a {@code .npy} file holding {@code data}.
     *
     * @param descr the NumPy type string: {@code <f8 <f4 <f2 <i8 <i4 <i2 |i1 <u8 <u4 <u2 |u1 |b1}
     * @param shape the dimensions ({@code []} for a scalar)
     * @param data the elements in C order, already in the byte order {@code descr} names
     * @throws IllegalArgumentException if the header would not fit version 1.0's 64 KiB
     */
    public static byte[] encode(String descr, long[] shape, byte[] data) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        tuple.append(shape.length == 1 ? ",)" : ")");
        String dict =
                "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        if (header.length() > 0xFFFF) {
            throw new IllegalArgumentException(
                    "a .npy 1.0 header holds at most 65535 bytes, "
                            + "this one needs "
                            + header.length());
        }
        ByteBuffer buf =
                ByteBuffer.allocate(MAGIC.length + 2 + header.length() + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC)
                .putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII))
                .put(data);
        return buf.array();
    }
}
