package io.kindling.checkpoint;

import static io.kindling.checkpoint.SafetensorsTest.f32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.runfolder.Npy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .npz} archives read back with {@code java.util.zip} and an independent parse of each
 * {@code .npy} header, as {@code numpy.lib.format.read_array} parses it.
 */
class NpzTest {

    @TempDir Path tmp;

    /** One parsed .npy entry. */
    record Npy1(
            int method, String descr, boolean fortran, String shape, int dataOffset, byte[] data) {}

    static Map<String, Npy1> unzip(byte[] npz) throws IOException {
        Map<String, Npy1> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                out.put(e.getName(), parse(e.getMethod(), zip.readAllBytes()));
            }
        }
        return out;
    }

    static Npy1 parse(int method, byte[] npy) {
        ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
        assertEquals(1, b.get());
        assertEquals(0, b.get());
        int headerLen = b.getShort() & 0xFFFF;
        String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), header);
        int dataOffset = 10 + headerLen;
        assertEquals(0, dataOffset % 64, "data must start 64-byte aligned");
        var m =
                Pattern.compile(
                                "\\{'descr': '([^']+)', "
                                        + "'fortran_order': (True|False), 'shape': (\\([^)]*\\)), \\} *\n")
                        .matcher(header);
        assertTrue(m.matches(), header);
        return new Npy1(
                method,
                m.group(1),
                m.group(2).equals("True"),
                m.group(3),
                dataOffset,
                Arrays.copyOfRange(npy, dataOffset, npy.length));
    }

    private static final List<NamedTensor> TENSORS =
            List.of(
                    new NamedTensor(
                            "fc1.weight", Dtype.F32, new long[] {2, 3}, f32(1, 2, 3, 4, 5, 6)),
                    new NamedTensor("fc1.bias", Dtype.F32, new long[] {3}, f32(-1, 0, 1)),
                    new NamedTensor(
                            "step", Dtype.I64, new long[0], new byte[] {7, 0, 0, 0, 0, 0, 0, 0}),
                    new NamedTensor("mask", Dtype.BOOL, new long[] {2}, new byte[] {1, 0}));

    @Test
    void savezLayoutStoredEntriesNamedAfterTheTensors() throws IOException {
        Map<String, Npy1> entries = unzip(Npz.write(TENSORS, false));
        assertEquals(
                List.of("fc1.weight.npy", "fc1.bias.npy", "step.npy", "mask.npy"),
                List.copyOf(entries.keySet()));
        Npy1 w = entries.get("fc1.weight.npy");
        assertEquals(ZipEntry.STORED, w.method());
        assertEquals("<f4", w.descr());
        assertEquals(false, w.fortran());
        assertEquals("(2, 3)", w.shape());
        assertArrayEquals(f32(1, 2, 3, 4, 5, 6), w.data());
        assertEquals("(3,)", entries.get("fc1.bias.npy").shape());
        assertEquals("()", entries.get("step.npy").shape());
        assertEquals("<i8", entries.get("step.npy").descr());
        assertEquals("|b1", entries.get("mask.npy").descr());
        assertArrayEquals(new byte[] {1, 0}, entries.get("mask.npy").data());
    }

    @Test
    void savezCompressedLayoutDeflatesTheSameEntries() throws IOException {
        Map<String, Npy1> stored = unzip(Npz.write(TENSORS, false));
        Map<String, Npy1> deflated = unzip(Npz.write(TENSORS, true));
        assertEquals(stored.keySet(), deflated.keySet());
        for (String name : stored.keySet()) {
            assertEquals(ZipEntry.DEFLATED, deflated.get(name).method());
            assertEquals(stored.get(name).descr(), deflated.get(name).descr());
            assertEquals(stored.get(name).shape(), deflated.get(name).shape());
            assertArrayEquals(stored.get(name).data(), deflated.get(name).data());
        }
    }

    @Test
    void everyDtypeGetsItsNumpyDescr() throws IOException {
        Map<Dtype, String> expected = new LinkedHashMap<>();
        expected.put(Dtype.F64, "<f8");
        expected.put(Dtype.F32, "<f4");
        expected.put(Dtype.F16, "<f2");
        expected.put(Dtype.BF16, "<f4");
        expected.put(Dtype.I64, "<i8");
        expected.put(Dtype.I32, "<i4");
        expected.put(Dtype.I16, "<i2");
        expected.put(Dtype.I8, "|i1");
        expected.put(Dtype.U64, "<u8");
        expected.put(Dtype.U32, "<u4");
        expected.put(Dtype.U16, "<u2");
        expected.put(Dtype.U8, "|u1");
        expected.put(Dtype.BOOL, "|b1");
        assertEquals(Dtype.values().length, expected.size());
        for (var e : expected.entrySet()) {
            NamedTensor t =
                    new NamedTensor("x", e.getKey(), new long[] {1}, new byte[e.getKey().bytes()]);
            assertEquals(
                    e.getValue(),
                    unzip(Npz.write(List.of(t), false)).get("x.npy").descr(),
                    e.getKey().name());
        }
    }

    @Test
    void bf16IsWrittenAsExactFloat32() throws IOException {
        // 1.0, -2.0, 3.140625 as bfloat16 (the high halves of their float32 bits)
        NamedTensor b =
                new NamedTensor(
                        "b",
                        Dtype.BF16,
                        new long[] {3},
                        new byte[] {(byte) 0x80, 0x3f, 0x00, (byte) 0xc0, 0x49, 0x40});
        Npy1 e = unzip(Npz.write(List.of(b), true)).get("b.npy");
        assertEquals("<f4", e.descr());
        assertArrayEquals(f32(1f, -2f, 3.140625f), e.data());
    }

    @Test
    void sameTensorsGiveTheSameBytes() {
        assertArrayEquals(Npz.write(TENSORS, false), Npz.write(TENSORS, false));
    }

    @Test
    void refusesTwoTensorsWithOneName() {
        NamedTensor a = TENSORS.get(0);
        var e = assertThrows(IllegalArgumentException.class, () -> Npz.write(List.of(a, a), false));
        assertTrue(e.getMessage().contains("'fc1.weight'"), e.getMessage());
    }

    @Test
    void npyFloat32WriterUsesTheGeneralEncoder() throws IOException {
        Path file = tmp.resolve("x.npy");
        Npy.writeFloat32(file, new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3});
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(Npy.encode("<f4", new long[] {2, 3}, f32(1, 2, 3, 4, 5, 6)), bytes);
        Npy1 parsed = parse(ZipEntry.STORED, bytes);
        assertEquals("(2, 3)", parsed.shape());
        assertEquals(128 + 24, bytes.length); // preamble + header padded to 128, then data
    }
}
