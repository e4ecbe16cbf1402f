package io.kindling.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the safetensors format of Hugging Face (<a
 * href="https://github.com/huggingface/safetensors">github.com/huggingface/safetensors</a>), which
 * PyTorch ({@code safetensors.torch.load_file}), NumPy, JAX and DJL read directly:
 *
 * <pre>
 * [8 bytes]  N, unsigned little-endian u64: the header's length
 * [N bytes]  UTF-8 JSON, padded with spaces to a multiple of 8:
 *            {"__metadata__":{"k":"v"},
 *             "fc1.weight":{"dtype":"F32","shape":[64,784],"data_offsets":[0,200704]}, ...}
 * [rest]     the tensors' little-endian bytes, row-major; offsets count from the first byte
 *            after the header, and the tensors tile the rest of the file without gaps
 * </pre>
 *
 * <p>The writer keeps the caller's tensor order (header order = data order) and writes compact JSON
 * as the reference implementation does ({@code serde_json}), omitting {@code __metadata__} when
 * there is none. The reference library itself sorts tensors by dtype width and then by name;
 * readers may not rely on either order, so both are valid files, and for tensors given in the
 * reference's order the bytes are identical (the tests check this against a file written by the
 * Python {@code safetensors} package).
 *
 * <p>The reader checks everything the reference reader checks and names the file and problem in a
 * {@link CheckpointException}: a header length past the end of the file or over 100 MB, a header
 * that is not UTF-8 JSON, an unknown dtype, negative or non-integer dimensions, offsets that run
 * backwards, overlap, leave gaps, reach past the data or disagree with shape×dtype, trailing bytes
 * after the last tensor, and a name given twice. Unknown keys inside a tensor's entry are ignored,
 * as the reference does. Files up to 2 GiB are read.
 */
public final class Safetensors {

    /** The header-length limit of the reference reader. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Safetensors() {}

    /**
     * The tensors and metadata of a file.
     *
     * @param tensors by name, in header order
     * @param metadata the {@code __metadata__} strings, in header order (empty if none)
     */
    public record Contents(Map<String, NamedTensor> tensors, Map<String, String> metadata) {

        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /**
         * The tensor called {@code name}.
         *
         * @throws CheckpointException listing the names there are if there is none
         */
        public NamedTensor tensor(String name) {
            NamedTensor t = tensors.get(name);
            if (t == null) {
                throw new CheckpointException(
                        "no tensor '" + name + "'; the file has " + tensors.keySet());
            }
            return t;
        }
    }

    /** The file bytes of {@code tensors} without metadata. */
    public static byte[] write(Collection<NamedTensor> tensors) {
        return write(tensors, Map.of());
    }

    /**
     * The file bytes of {@code tensors}, in the order given, with string {@code metadata}.
     *
     * @throws IllegalArgumentException if two tensors share a name, a tensor is called {@code
     *     __metadata__}, or the file would exceed 2 GiB
     */
    public static byte[] write(Collection<NamedTensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (metadata != null && !metadata.isEmpty()) {
            HeaderJson.string(json, METADATA_KEY).append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                json.append(sep);
                HeaderJson.string(json, e.getKey()).append(':');
                HeaderJson.string(json, e.getValue());
                sep = ",";
            }
            json.append('}');
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (NamedTensor t : tensors) {
            if (t.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be called " + METADATA_KEY);
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two tensors are called '" + t.name() + "'");
            }
            if (json.length() > 1) {
                json.append(',');
            }
            HeaderJson.tensorEntry(json, t, offset);
            offset += t.data().length;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = header.length + (8 - header.length % 8) % 8;
        long total = 8L + padded + offset;
        if (total > MAX_ARRAY) {
            throw new IllegalArgumentException(
                    "the file would be "
                            + total
                            + " bytes; at most "
                            + MAX_ARRAY
                            + " fit in one array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (NamedTensor t : tensors) {
            out.put(t.data());
        }
        return out.array();
    }

    /**
     * Reads and checks a safetensors file.
     *
     * @throws CheckpointException naming the file and the problem if it is missing, unreadable or
     *     malformed
     */
    public static Contents read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_ARRAY) {
                throw new CheckpointException(
                        file
                                + ": "
                                + size
                                + " bytes is more than this reader takes ("
                                + MAX_ARRAY
                                + ")");
            }
            return read(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks safetensors bytes.
     *
     * @param source names the bytes in error messages (a file name)
     * @throws CheckpointException naming {@code source} and the problem if malformed
     */
    public static Contents read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new CheckpointException(
                    source
                            + ": "
                            + bytes.length
                            + " bytes is too short for a safetensors file (the header length takes 8)");
        }
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (n < 0 || n > bytes.length - 8L) {
            throw new CheckpointException(
                    source
                            + ": header length "
                            + Long.toUnsignedString(n)
                            + " runs past the end of the file ("
                            + bytes.length
                            + " bytes)");
        }
        if (n > MAX_HEADER_BYTES) {
            throw new CheckpointException(
                    source
                            + ": header length "
                            + n
                            + " exceeds the limit of "
                            + MAX_HEADER_BYTES
                            + " bytes");
        }
        int dataStart = 8 + (int) n;
        HeaderJson.Header header = HeaderJson.parse(bytes, 8, (int) n, source);
        checkLayout(header.entries(), bytes.length - dataStart, source);
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (HeaderJson.Entry e : header.entries()) {
            byte[] data = new byte[(int) (e.end() - e.begin())];
            System.arraycopy(bytes, dataStart + (int) e.begin(), data, 0, data.length);
            tensors.put(e.name(), new NamedTensor(e.name(), e.dtype(), e.shape(), data));
        }
        return new Contents(tensors, header.metadata());
    }

    /** The tensors must tile {@code [0, dataBytes)} exactly, each as big as its shape says. */
    private static void checkLayout(List<HeaderJson.Entry> entries, long dataBytes, String source) {
        List<HeaderJson.Entry> byOffset =
                entries.stream()
                        .sorted(
                                Comparator.comparingLong(HeaderJson.Entry::begin)
                                        .thenComparingLong(HeaderJson.Entry::end))
                        .toList();
        long covered = 0;
        String previous = null;
        for (HeaderJson.Entry e : byOffset) {
            String where =
                    source
                            + ": tensor '"
                            + e.name()
                            + "' data_offsets ["
                            + e.begin()
                            + ", "
                            + e.end()
                            + "]";
            if (e.end() < e.begin()) {
                throw new CheckpointException(where + " run backwards");
            }
            if (e.end() > dataBytes) {
                throw new CheckpointException(
                        where + " reach outside the " + dataBytes + " bytes of tensor data");
            }
            if (e.begin() < covered) {
                throw new CheckpointException(
                        where + " overlap tensor '" + previous + "', which ends at " + covered);
            }
            if (e.begin() > covered) {
                throw new CheckpointException(
                        where
                                + " leave a gap of "
                                + (e.begin() - covered)
                                + " bytes after "
                                + (previous == null ? "the header" : "tensor '" + previous + "'"));
            }
            long expected = NamedTensor.byteSize(e.dtype(), e.shape());
            if (expected != e.end() - e.begin()) {
                throw new CheckpointException(
                        where
                                + " hold "
                                + (e.end() - e.begin())
                                + " bytes, but "
                                + e.dtype()
                                + " "
                                + Arrays.toString(e.shape())
                                + " needs "
                                + (expected < 0 ? "more than fit in a file" : expected));
            }
            covered = e.end();
            previous = e.name();
        }
        if (covered != dataBytes) {
            throw new CheckpointException(
                    source
                            + ": "
                            + (dataBytes - covered)
                            + " trailing bytes after the last tensor (the tensors cover "
                            + covered
                            + " of "
                            + dataBytes
                            + " data bytes)");
        }
    }
}
