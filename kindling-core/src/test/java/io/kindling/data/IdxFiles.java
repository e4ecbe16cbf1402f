package io.kindling.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds IDX content for tests. */
final class IdxFiles {

    private IdxFiles() {}

    /** An unsigned-byte IDX file's bytes. */
    static byte[] idx(int[] shape, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes 0, 1, 2, ... wrapping at 256. */
    static byte[] ramp(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) i;
        }
        return data;
    }

    /**
     * Writes a tiny Fashion-MNIST-shaped folder: {@code train} and {@code test} examples of 2×3
     * images, labels cycling through the 10 classes.
     */
    static Path fashionFolder(Path dir, int train, int test) {
        writeSplit(dir, "train", train);
        writeSplit(dir, "t10k", test);
        return dir;
    }

    private static void writeSplit(Path dir, String split, int n) {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        write(
                dir.resolve(split + "-images-idx3-ubyte.gz"),
                gzip(idx(new int[] {n, 2, 3}, ramp(n * 6))));
        write(dir.resolve(split + "-labels-idx1-ubyte.gz"), gzip(idx(new int[] {n}, labels)));
    }
}
