package io.kindling.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors writer against the reference library's bytes, the reader on the reference
 * library's file, round trips of every dtype, and one test per kind of malformed file.
 */
class SafetensorsTest {

    private static final String SPEC = "/reference/safetensors_reference.json";
    private static final String FIXTURE = "/reference/safetensors_reference.safetensors";

    @TempDir Path tmp;

    // --- against the reference implementation ---

    /** The tensors of the reference fixture, in the fixture's order, from its JSON sidecar. */
    static List<NamedTensor> referenceTensors() throws IOException {
        List<NamedTensor> out = new ArrayList<>();
        for (JsonNode t : spec().get("tensors")) {
            long[] shape = new long[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).longValue();
            }
            out.add(
                    new NamedTensor(
                            t.get("name").textValue(),
                            Dtype.fromHeader(t.get("dtype").textValue()),
                            shape,
                            HexFormat.of().parseHex(t.get("hex").textValue())));
        }
        return out;
    }

    static JsonNode spec() throws IOException {
        try (InputStream in = SafetensorsTest.class.getResourceAsStream(SPEC)) {
            return new ObjectMapper().readTree(in);
        }
    }

    static byte[] fixture() throws IOException {
        try (InputStream in = SafetensorsTest.class.getResourceAsStream(FIXTURE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void writerMatchesTheReferenceLibraryByteForByte() throws IOException {
        byte[] ours = Safetensors.write(referenceTensors(), Map.of("format", "pt"));
        assertEquals("0.3.0", spec().get("safetensors_version").textValue());
        assertArrayEquals(fixture(), ours);
    }

    @Test
    void readsTheReferenceLibrarysFile() throws IOException {
        Safetensors.Contents c = Safetensors.read(fixture(), "reference");
        assertEquals(Map.of("format", "pt"), c.metadata());
        List<NamedTensor> expected = referenceTensors();
        assertEquals(
                expected.stream().map(NamedTensor::name).toList(),
                List.copyOf(c.tensors().keySet()));
        for (NamedTensor t : expected) {
            assertEquals(t, c.tensor(t.name()));
        }
        // decode a few by hand, so a byte-order mistake on both sides cannot cancel out
        ByteBuffer w =
                ByteBuffer.wrap(c.tensor("fc1.weight").data()).order(ByteOrder.LITTLE_ENDIAN);
        float[] weights = new float[6];
        w.asFloatBuffer().get(weights);
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, weights);
        assertArrayEquals(new long[] {2, 3}, c.tensor("fc1.weight").shape());
        ByteBuffer s = ByteBuffer.wrap(c.tensor("step").data()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1L, s.getLong());
        assertEquals(1L << 40, s.getLong());
        ByteBuffer b = ByteBuffer.wrap(c.tensor("brain").data()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(3.140625f, Float.intBitsToFloat((b.getShort(4) & 0xFFFF) << 16));
        assertArrayEquals(new byte[] {1, 0, 1}, c.tensor("mask").data());
        assertEquals(0, c.tensor("scale").shape().length);
        assertEquals(1, c.tensor("scale").size());
        assertEquals(0, c.tensor("empty").data().length);
    }

    /**
     * Byte arrays asserted by the reference implementation's own unit tests
     * (huggingface/safetensors, safetensors/src/tensor.rs at commit 24b0b2857fef, tests
     * test_serialization, test_serialization_forced_alignement and test_empty).
     */
    @Test
    void matchesTheReferenceUnitTestVectors() {
        byte[] data = f32(0, 1, 2, 3, 4, 5);
        byte[] header64 =
                ("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3]," + "\"data_offsets\":[0,24]}}")
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals(64, header64.length); // already aligned: no padding
        assertArrayEquals(
                concat(u64(64), header64, data),
                Safetensors.write(
                        List.of(new NamedTensor("attn.0", Dtype.F32, new long[] {1, 2, 3}, data))));

        byte[] header65 =
                ("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3]," + "\"data_offsets\":[0,24]}}")
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals(65, header65.length);
        assertArrayEquals(
                concat(u64(72), header65, "       ".getBytes(StandardCharsets.US_ASCII), data),
                Safetensors.write(
                        List.of(
                                new NamedTensor(
                                        "attn0", Dtype.F32, new long[] {1, 1, 2, 3}, data))));

        assertArrayEquals(
                new byte[] {8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32},
                Safetensors.write(List.of()));
        assertArrayEquals(
                new byte[] {
                    40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97,
                    95, 95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34,
                    112, 116, 34, 125, 125, 32, 32, 32, 32, 32
                },
                Safetensors.write(List.of(), Map.of("framework", "pt")));
    }

    // --- round trips ---

    @Test
    void everyDtypeRoundTripsWithMetadataInInsertionOrder() {
        Random rnd = new Random(7);
        List<NamedTensor> tensors = new ArrayList<>();
        for (Dtype d : Dtype.values()) {
            byte[] bytes = new byte[6 * d.bytes()];
            rnd.nextBytes(bytes);
            if (d == Dtype.BOOL) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (bytes[i] & 1);
                }
            }
            tensors.add(
                    new NamedTensor(
                            "z." + d.name().toLowerCase(Locale.ROOT), d, new long[] {2, 3}, bytes));
        }
        tensors.add(new NamedTensor("a.scalar", Dtype.F64, new long[0], new byte[8]));
        tensors.add(new NamedTensor("m.empty", Dtype.I32, new long[] {4, 0}, new byte[0]));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("zeta", "last key first");
        meta.put("config", "mlp(hidden=[64, 32]) \"quoted\" back\\slash\nnew line\ttab \u0001 é ∑");
        byte[] file = Safetensors.write(tensors, meta);

        assertEquals(0, ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong() % 8);
        Safetensors.Contents back = Safetensors.read(file, "round trip");
        assertEquals(tensors, List.copyOf(back.tensors().values()));
        assertEquals(List.copyOf(meta.entrySet()), List.copyOf(back.metadata().entrySet()));
    }

    @Test
    void headerEscapesStringsAsSerdeJsonDoes() {
        byte[] file = Safetensors.write(List.of(), Map.of("k", "q\" b\\ n\n t\t c\u0001 é/"));
        String header = new String(file, 8, file.length - 8, StandardCharsets.UTF_8).strip();
        assertEquals("{\"__metadata__\":{\"k\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 é/\"}}", header);
    }

    @Test
    void writerRefusesDuplicateAndReservedNames() {
        NamedTensor a = new NamedTensor("a", Dtype.U8, new long[] {1}, new byte[1]);
        var dup =
                assertThrows(
                        IllegalArgumentException.class, () -> Safetensors.write(List.of(a, a)));
        assertTrue(dup.getMessage().contains("'a'"), dup.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        Safetensors.write(
                                List.of(
                                        new NamedTensor(
                                                "__metadata__",
                                                Dtype.U8,
                                                new long[] {1},
                                                new byte[1]))));
    }

    @Test
    void tensorRefusesDataOfTheWrongSize() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new NamedTensor("w", Dtype.F32, new long[] {2, 3}, new byte[20]));
        assertTrue(e.getMessage().contains("needs 24 bytes, got 20"), e.getMessage());
    }

    @Test
    void readingAPathNamesTheFile() throws IOException {
        Path good = tmp.resolve("model.safetensors");
        Files.write(good, fixture());
        assertEquals(12, Safetensors.read(good).tensors().size());

        Path bad = tmp.resolve("broken.safetensors");
        byte[] truncated = fixture();
        Files.write(bad, Arrays.copyOf(truncated, truncated.length - 1));
        var e = assertThrows(CheckpointException.class, () -> Safetensors.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());

        var missing =
                assertThrows(
                        CheckpointException.class,
                        () -> Safetensors.read(tmp.resolve("nope.safetensors")));
        assertTrue(
                missing.getMessage().contains("nope.safetensors: no such file"),
                missing.getMessage());
    }

    @Test
    void ndArraysRoundTripThroughAFile() {
        Compute.start(Compute.Threads.defaults());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f32 = m.create(new float[] {1f, 2.5f, -3f, 0f, 1e-3f, 7f}, new Shape(2, 3));
            List<NDArray> arrays =
                    List.of(
                            f32,
                            m.create(new double[] {1.5, -2.25}),
                            f32.toType(DataType.FLOAT16, true),
                            m.create(new long[] {-1, 1L << 40}),
                            m.create(new int[] {-7, 0, Integer.MAX_VALUE}),
                            m.create(new byte[] {-128, 127}),
                            m.create(new int[] {0, 1, 254, 255}, new Shape(2, 2))
                                    .toType(DataType.UINT8, true),
                            m.create(new boolean[] {true, false, true}),
                            m.create(42f));
            List<NamedTensor> tensors = new ArrayList<>();
            for (int i = 0; i < arrays.size(); i++) {
                tensors.add(NamedTensor.of("t" + i, arrays.get(i)));
            }
            // DJL's bytes are the little-endian encoding the format wants
            assertArrayEquals(f32(1f, 2.5f, -3f, 0f, 1e-3f, 7f), tensors.get(0).data());
            assertEquals(Dtype.F16, tensors.get(2).dtype());
            assertEquals(Dtype.U8, tensors.get(6).dtype());
            assertEquals(Dtype.BOOL, tensors.get(7).dtype());
            assertArrayEquals(new byte[] {1, 0, 1}, tensors.get(7).data());

            Safetensors.Contents back = Safetensors.read(Safetensors.write(tensors), "arrays");
            for (int i = 0; i < arrays.size(); i++) {
                NDArray original = arrays.get(i);
                NDArray copy = back.tensor("t" + i).toNDArray(m);
                assertEquals(original.getDataType(), copy.getDataType(), "t" + i);
                assertEquals(original.getShape(), copy.getShape(), "t" + i);
                assertArrayEquals(original.toByteArray(), copy.toByteArray(), "t" + i);
            }
            assertEquals(2.5f, back.tensor("t0").toNDArray(m).getFloat(0, 1));
            assertEquals(1L << 40, back.tensor("t3").toNDArray(m).getLong(1));
        }
    }

    @Test
    void bf16IsWidenedExactlyInsteadOfCrashingTheEngine() throws IOException {
        NamedTensor brain = Safetensors.read(fixture(), "reference").tensor("brain");
        // DJL 0.35's PyTorch engine aborts the JVM on a bfloat16 array: refuse before that
        var e = assertThrows(UnsupportedOperationException.class, () -> brain.toNDArray(null));
        assertTrue(e.getMessage().contains("widenBf16()"), e.getMessage());
        NamedTensor wide = brain.widenBf16();
        assertEquals(Dtype.F32, wide.dtype());
        assertArrayEquals(brain.shape(), wide.shape());
        assertArrayEquals(f32(1f, -2f, 3.140625f), wide.data());
    }

    // --- malformed files: each is refused with the file and the problem named ---

    @Test
    void refusesAFileShorterThanTheLengthField() {
        assertRefused(new byte[5], "too short");
    }

    @Test
    void refusesAHeaderLengthBeyondTheFile() {
        byte[] file = concat(u64(1000), "{}      ".getBytes(StandardCharsets.US_ASCII));
        assertRefused(file, "header length 1000 runs past the end of the file (16 bytes)");
        byte[] huge = concat(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, new byte[8]);
        assertRefused(huge, "header length 18446744073709551615 runs past the end");
    }

    @Test
    void refusesInvalidJson() {
        assertRefused(file("{\"a\": {\"dtype\": \"F32\",", 0), "header is not valid JSON");
        assertRefused(file("[1, 2]", 0), "header is not a JSON object");
        assertRefused(file("{} {}", 0), "header is not valid JSON");
    }

    @Test
    void refusesAHeaderThatIsNotUtf8() {
        byte[] header = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        assertRefused(concat(u64(8), header), "not valid UTF-8");
    }

    @Test
    void refusesAnUnknownDtype() {
        assertRefused(
                file("{" + tensor("w", "F8_E4M3", "[2]", 0, 2) + "}", 2),
                "tensor 'w': unsupported dtype 'F8_E4M3'; supported: F64, F32, F16, BF16");
    }

    @Test
    void refusesOverlappingOffsets() {
        assertRefused(
                file(
                        "{"
                                + tensor("a", "F32", "[2]", 0, 8)
                                + ","
                                + tensor("b", "F32", "[2]", 4, 12)
                                + "}",
                        12),
                "tensor 'b' data_offsets [4, 12] overlap tensor 'a', which ends at 8");
    }

    @Test
    void refusesAGapBetweenTensors() {
        assertRefused(
                file(
                        "{"
                                + tensor("a", "F32", "[1]", 0, 4)
                                + ","
                                + tensor("b", "F32", "[1]", 8, 12)
                                + "}",
                        12),
                "tensor 'b' data_offsets [8, 12] leave a gap of 4 bytes after tensor 'a'");
        assertRefused(
                file("{" + tensor("a", "F32", "[1]", 4, 8) + "}", 8),
                "leave a gap of 4 bytes after the header");
    }

    @Test
    void refusesOffsetsOutsideTheData() {
        assertRefused(
                file("{" + tensor("a", "F32", "[4]", 0, 16) + "}", 8),
                "tensor 'a' data_offsets [0, 16] reach outside the 8 bytes of tensor data");
    }

    @Test
    void refusesOffsetsThatRunBackwards() {
        assertRefused(file("{" + tensor("a", "F32", "[1]", 8, 4) + "}", 8), "run backwards");
    }

    @Test
    void refusesOffsetsThatDisagreeWithShapeAndDtype() {
        assertRefused(
                file("{" + tensor("a", "F32", "[3]", 0, 8) + "}", 8),
                "tensor 'a' data_offsets [0, 8] hold 8 bytes, but F32 [3] needs 12");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] ok =
                Safetensors.write(
                        List.of(new NamedTensor("a", Dtype.U8, new long[] {2}, new byte[] {1, 2})));
        assertRefused(concat(ok, new byte[3]), "3 trailing bytes after the last tensor");
    }

    @Test
    void refusesADuplicateName() {
        assertRefused(
                file(
                        "{"
                                + tensor("a", "U8", "[1]", 0, 1)
                                + ","
                                + tensor("a", "U8", "[1]", 1, 2)
                                + "}",
                        2),
                "header names 'a' twice");
    }

    @Test
    void refusesBadShapesAndMetadata() {
        assertRefused(
                file("{" + tensor("a", "U8", "[-1]", 0, 0) + "}", 0),
                "tensor 'a' shape must be an array of integers >= 0");
        assertRefused(
                file("{" + tensor("a", "U8", "[1.5]", 0, 0) + "}", 0),
                "shape must be an array of integers >= 0");
        assertRefused(
                file("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0]}}", 1),
                "data_offsets must be an array of 2 integers >= 0");
        assertRefused(
                file("{\"__metadata__\":{\"epoch\":3}}", 0),
                "__metadata__ value 'epoch' must be a string");
    }

    // --- helpers ---

    private static void assertRefused(byte[] file, String expected) {
        var e = assertThrows(CheckpointException.class, () -> Safetensors.read(file, "bad.st"));
        assertTrue(e.getMessage().startsWith("bad.st: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String tensor(String name, String dtype, String shape, long b, long e) {
        return "\""
                + name
                + "\":{\"dtype\":\""
                + dtype
                + "\",\"shape\":"
                + shape
                + ",\"data_offsets\":["
                + b
                + ","
                + e
                + "]}";
    }

    /** A file with this header (padded) and {@code dataBytes} zero bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = h.length + (8 - h.length % 8) % 8;
        byte[] spaces = " ".repeat(padded - h.length).getBytes(StandardCharsets.US_ASCII);
        return concat(u64(padded), h, spaces, new byte[dataBytes]);
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}
