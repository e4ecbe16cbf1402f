package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX parsing and the messages for every way a file can be bad. */
class IdxReaderTest {

    private static final int[] SHAPE = {5, 4, 3};
    private static final byte[] DATA = IdxFiles.ramp(60);

    @TempDir Path dir;

    @Test
    void aRawFileAndItsGzippedCopyReadTheSameWhateverTheirNames() {
        Path raw = IdxFiles.write(dir.resolve("a.gz"), IdxFiles.idx(SHAPE, DATA));
        Path gz = IdxFiles.write(dir.resolve("b"), IdxFiles.gzip(IdxFiles.idx(SHAPE, DATA)));
        IdxArray fromRaw = IdxReader.read(raw);
        assertArrayEquals(SHAPE, fromRaw.shape());
        assertArrayEquals(DATA, fromRaw.data());
        assertEquals(fromRaw, IdxReader.read(gz));
    }

    @Test
    void aStreamReadsLikeAFile() {
        IdxArray a =
                IdxReader.read(
                        "mem", new ByteArrayInputStream(IdxFiles.gzip(IdxFiles.idx(SHAPE, DATA))));
        assertArrayEquals(DATA, a.data());
    }

    @Test
    void bytesAbove127ReadAsUnsigned() {
        byte[] data = {(byte) 255, (byte) 128, 0};
        IdxArray a =
                IdxReader.read("mem", new ByteArrayInputStream(IdxFiles.idx(new int[] {3}, data)));
        assertEquals(255, a.data()[0] & 0xFF);
        assertEquals(128, a.data()[1] & 0xFF);
    }

    @Test
    void aRawFileCutShortNamesThePathAndTheOffsetWhereItEnds() {
        byte[] full = IdxFiles.idx(SHAPE, DATA);
        Path cut = IdxFiles.write(dir.resolve("cut-raw"), Arrays.copyOf(full, 40));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(
                e.getMessage().contains("expected 60 data bytes after the 16-byte header"),
                e.getMessage());
        assertTrue(e.getMessage().contains("offset 40"), e.getMessage());
    }

    @Test
    void aGzippedFileCutShortNamesThePathAndAnUncompressedOffset() {
        // Incompressible data so the cut lands inside the data, not in the header.
        byte[] noise = new byte[50_000];
        new Random(1).nextBytes(noise);
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(new int[] {50_000}, noise));
        Path cut = IdxFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(cut));
        assertTrue(e.getMessage().startsWith("Truncated IDX file " + cut), e.getMessage());
        assertTrue(e.getMessage().matches(".*ends at offset \\d+$"), e.getMessage());
    }

    @Test
    void aGzippedFileMissingOnlyItsChecksumIsStillTruncated() {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(SHAPE, DATA));
        Path cut = IdxFiles.write(dir.resolve("no-trailer.gz"), Arrays.copyOf(gz, gz.length - 8));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(cut));
        assertTrue(
                e.getMessage().contains(cut.toString()) && e.getMessage().contains("offset"),
                e.getMessage());
    }

    @Test
    void aHeaderCutShortSaysHowLongTheHeaderShouldBe() {
        Path cut = IdxFiles.write(dir.resolve("head"), Arrays.copyOf(IdxFiles.idx(SHAPE, DATA), 9));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(cut));
        assertTrue(e.getMessage().contains("needs 16 bytes for 3 dimensions"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 9"), e.getMessage());
    }

    @Test
    void anEmptyFileIsTruncatedAtOffset0() {
        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0]);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(empty));
        assertTrue(e.getMessage().contains("offset 0"), e.getMessage());
    }

    @Test
    void aBadMagicShowsTheBytesFoundAndTheirOffset() {
        byte[] bytes = IdxFiles.idx(SHAPE, DATA);
        bytes[0] = 0x1f;
        bytes[1] = (byte) 0x8c;
        Path bad = IdxFiles.write(dir.resolve("foo"), bytes);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(bad));
        assertEquals(
                "Bad IDX magic in "
                        + bad
                        + ": bytes 0-1 must be 0x00 0x00, got 0x1f 0x8c"
                        + " at offset 0",
                e.getMessage());
    }

    @Test
    void aTypeOtherThanUnsignedByteIsNamedInTheError() {
        byte[] bytes = IdxFiles.idx(SHAPE, DATA);
        bytes[2] = 0x0D;
        Path bad = IdxFiles.write(dir.resolve("floats"), bytes);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(bad));
        assertTrue(e.getMessage().contains("type code 0x0d (float32) at offset 2"), e.getMessage());
    }

    @Test
    void bytesAfterTheDeclaredDataAreAnErrorNamingWhereTheDataShouldEnd() {
        byte[] bytes = Arrays.copyOf(IdxFiles.idx(SHAPE, DATA), 16 + 60 + 3);
        Path extra = IdxFiles.write(dir.resolve("extra"), bytes);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(extra));
        assertTrue(
                e.getMessage().contains(extra + ": unexpected data after offset 76"),
                e.getMessage());
    }

    @Test
    void dimensionsTooLargeForOneArrayAreRejectedBeforeReadingData() {
        Path huge =
                IdxFiles.write(
                        dir.resolve("huge"),
                        IdxFiles.idx(
                                new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, 4}, new byte[0]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(huge));
        assertTrue(e.getMessage().contains("2147483647x2147483647x4"), e.getMessage());
    }

    @Test
    void aLargeDeclaredSizeWithLittleDataIsTruncationNotAnOutOfMemoryError() {
        Path big =
                IdxFiles.write(
                        dir.resolve("big"), IdxFiles.idx(new int[] {2_000_000_000}, new byte[10]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(big));
        assertTrue(e.getMessage().contains("offset 18"), e.getMessage());
    }

    @Test
    void aNegativeDimensionIsRejectedWithItsOffset() {
        Path neg = IdxFiles.write(dir.resolve("neg"), IdxFiles.idx(new int[] {3, -1}, new byte[0]));
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(neg));
        assertTrue(e.getMessage().contains("dimension 1 is -1 at offset 8"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope-idx3-ubyte.gz");
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(missing));
        assertEquals("No such file: " + missing, e.getMessage());
    }

    @Test
    void corruptGzipDataNamesTheFile() {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(SHAPE, DATA));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xff;
        }
        Path bad = IdxFiles.write(dir.resolve("corrupt.gz"), gz);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(bad));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void aCorruptGzipHeaderNamesTheFile() {
        byte[] gz = IdxFiles.gzip(IdxFiles.idx(SHAPE, DATA));
        gz[2] = 7; // compression method other than deflate
        Path bad = IdxFiles.write(dir.resolve("header.gz"), gz);
        DataException e = assertThrows(DataException.class, () -> IdxReader.read(bad));
        assertTrue(e.getMessage().startsWith("Corrupt gzip data in " + bad), e.getMessage());
    }
}
