package io.kindling.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes NumPy {@code .npy} files (format version 1.0, little-endian float32, C order), so
 * {@code numpy.load} and {@code torch.from_numpy} read Kindling's tensors directly.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {}

    /**
     * Writes {@code values} with the given shape, atomically (temp file, then rename).
     *
     * @param file the target
     * @param values row-major values
     * @param shape the dimensions; their product must equal {@code values.length}
     * @throws IOException if the file cannot be written
     */
    public static void writeFloat32(Path file, float[] values, long[] shape) throws IOException {
        long count = 1;
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            count *= d;
            dims.append(d).append(", ");
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape holds " + count + " values, got "
                    + values.length);
        }
        String tuple = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + dims.substring(0, Math.max(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 2 + header.length() + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(values);
        AtomicFile.write(file, buf.array());
    }
}
