package io.kindling.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST: the magic bytes {@code 0x00 0x00}, a type
 * code, the number of dimensions, each dimension as a big-endian int32, then the data. Only type
 * {@code 0x08} (unsigned byte) is supported. Gzipped input is recognised by its first two bytes
 * ({@code 1f 8b}), not by the file name.
 *
 * <p>Anything malformed (a truncated file, a wrong magic, a gzip stream that breaks, bytes beyond
 * what the header declares) is a {@link DataException} whose message names the file and the offset
 * in the uncompressed stream where the problem is.
 */
public final class IdxReader {

    private static final int UNSIGNED_BYTE = 0x08;

    /** The largest array most JVMs will allocate. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /**
     * The data buffer starts at most this big and doubles as data arrives, so a header that
     * declares gigabytes cannot make us allocate them before the file proves it has them.
     */
    private static final int FIRST_CHUNK = 1 << 24;

    private IdxReader() {}

    /**
     * Reads an IDX file, gzipped or raw.
     *
     * @param path the file
     * @return its dimensions and data
     * @throws DataException if the file is missing, unreadable or malformed
     */
    public static IdxArray read(Path path) {
        String name = path.toAbsolutePath().toString();
        if (Files.isDirectory(path)) {
            throw new DataException("Cannot read " + name + ": it is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(name, in);
        } catch (NoSuchFileException e) {
            throw new DataException("No such file: " + name, e);
        } catch (AccessDeniedException e) {
            throw new DataException("Cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new DataException("Cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads IDX content from a stream, gzipped or raw; the stream is read to its end but not
     * closed.
     *
     * @param description what the stream is, for messages (a path or a resource name)
     * @param in the content
     * @return its dimensions and data
     * @throws DataException if the content is unreadable or malformed
     */
    public static IdxArray read(String description, InputStream in) {
        Cursor cursor = Cursor.open(description, in);
        int[] shape = readHeader(cursor);
        int header = 4 + 4 * shape.length;
        int size = (int) dataSize(description, shape);
        byte[] data = readData(cursor, size, header);
        if (cursor.readUpTo(new byte[1], 0, 1) > 0) {
            throw new DataException(
                    "Bad IDX file "
                            + description
                            + ": unexpected data after"
                            + " offset "
                            + (header + (long) size)
                            + ", where dimensions "
                            + IdxArray.describe(shape)
                            + " end it");
        }
        if (cursor.cutShort) {
            throw new DataException(
                    "Truncated gzip stream in "
                            + description
                            + ": all "
                            + size
                            + " data bytes are there but the stream breaks off at offset "
                            + cursor.offset
                            + " before its checksum");
        }
        return new IdxArray(shape, data);
    }

    private static int[] readHeader(Cursor cursor) {
        byte[] magic = new byte[4];
        int got = cursor.readUpTo(magic, 0, 4);
        if (got < 4) {
            throw new DataException(
                    "Truncated IDX file "
                            + cursor.description
                            + ": the header needs at least 4 bytes, file ends at offset "
                            + got);
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataException(
                    String.format(
                            "Bad IDX magic in %s: bytes 0-1 must be"
                                    + " 0x00 0x00, got 0x%02x 0x%02x at offset 0",
                            cursor.description, magic[0] & 0xFF, magic[1] & 0xFF));
        }
        int type = magic[2] & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new DataException(
                    String.format(
                            "Unsupported IDX type in %s: type code 0x%02x"
                                    + " (%s) at offset 2; only 0x08 (unsigned byte) is supported",
                            cursor.description, type, typeName(type)));
        }
        int rank = magic[3] & 0xFF;
        if (rank == 0) {
            throw new DataException(
                    "Bad IDX header in "
                            + cursor.description
                            + ": 0 dimensions at offset 3, need at least 1");
        }
        byte[] dims = new byte[4 * rank];
        got = cursor.readUpTo(dims, 0, dims.length);
        if (got < dims.length) {
            throw new DataException(
                    "Truncated IDX file "
                            + cursor.description
                            + ": the header"
                            + " needs "
                            + (4 + dims.length)
                            + " bytes for "
                            + rank
                            + " dimensions, file"
                            + " ends at offset "
                            + (4 + got));
        }
        ByteBuffer big = ByteBuffer.wrap(dims); // big-endian is ByteBuffer's default
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = big.getInt();
            if (shape[i] < 0) {
                throw new DataException(
                        "Bad IDX header in "
                                + cursor.description
                                + ": dimension "
                                + i
                                + " is "
                                + shape[i]
                                + " at offset "
                                + (4 + 4 * i));
            }
        }
        return shape;
    }

    private static long dataSize(String description, int[] shape) {
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            return 0;
        }
        long size = 1;
        for (int d : shape) {
            // size <= MAX_BYTES < 2^31 and d < 2^31 here, so the product cannot overflow a long.
            size *= d;
            if (size > MAX_BYTES) {
                throw new DataException(
                        "Bad IDX header in "
                                + description
                                + ": dimensions "
                                + IdxArray.describe(shape)
                                + " at offset 4 describe more than the "
                                + MAX_BYTES
                                + " bytes one array can hold");
            }
        }
        return size;
    }

    private static byte[] readData(Cursor cursor, int size, int header) {
        byte[] data = new byte[Math.min(size, FIRST_CHUNK)];
        int filled = 0;
        while (filled < size) {
            if (filled == data.length) {
                data = Arrays.copyOf(data, (int) Math.min(size, 2L * data.length));
            }
            int got = cursor.readUpTo(data, filled, data.length - filled);
            filled += got;
            if (filled < data.length) {
                break;
            }
        }
        if (filled < size) {
            throw new DataException(
                    "Truncated IDX file "
                            + cursor.description
                            + ": expected "
                            + size
                            + " data bytes after the "
                            + header
                            + "-byte header, "
                            + (cursor.gzip ? "gzip stream" : "file")
                            + " ends at offset "
                            + (header + (long) filled));
        }
        return data;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "int16";
            case 0x0C -> "int32";
            case 0x0D -> "float32";
            case 0x0E -> "float64";
            default -> "not an IDX type";
        };
    }

    /** The uncompressed byte stream with its offset, turning I/O failures into messages. */
    private static final class Cursor {
        final String description;
        final InputStream in;
        final boolean gzip;
        long offset;

        /** A gzip stream ended before its trailer (a file cut short). */
        boolean cutShort;

        private Cursor(String description, InputStream in, boolean gzip) {
            this.description = description;
            this.in = in;
            this.gzip = gzip;
        }

        static Cursor open(String description, InputStream raw) {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            boolean gzip;
            try {
                in.mark(2);
                gzip = in.read() == 0x1f && in.read() == 0x8b;
                in.reset();
            } catch (IOException e) {
                throw new DataException("Cannot read " + description + ": " + e.getMessage(), e);
            }
            if (!gzip) {
                return new Cursor(description, in, false);
            }
            try {
                return new Cursor(description, new GZIPInputStream(in, 1 << 16), true);
            } catch (IOException e) {
                throw new DataException(
                        "Corrupt gzip data in "
                                + description
                                + ": bad gzip"
                                + " header ("
                                + e.getMessage()
                                + ")",
                        e);
            }
        }

        /** Reads {@code len} bytes, or fewer only where the stream ends. */
        int readUpTo(byte[] buffer, int from, int len) {
            int total = 0;
            while (total < len && !cutShort) {
                int n;
                try {
                    n = in.read(buffer, from + total, len - total);
                } catch (EOFException e) {
                    // GZIPInputStream's way of saying the compressed file was cut short;
                    // callers report it as truncation at the offset reached.
                    cutShort = true;
                    break;
                } catch (ZipException e) {
                    throw new DataException(
                            "Corrupt gzip data in "
                                    + description
                                    + " at uncompressed offset "
                                    + (offset + total)
                                    + ": "
                                    + e.getMessage(),
                            e);
                } catch (IOException e) {
                    throw new DataException(
                            "Cannot read "
                                    + description
                                    + " at offset "
                                    + (offset + total)
                                    + ": "
                                    + e.getMessage(),
                            e);
                }
                if (n < 0) {
                    break;
                }
                total += n;
            }
            offset += total;
            return total;
        }
    }
}
