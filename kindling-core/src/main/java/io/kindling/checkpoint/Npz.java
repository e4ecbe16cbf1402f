package io.kindling.checkpoint;

import io.kindling.runfolder.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy {@code .npz} archives: a ZIP with one {@code <name>.npy} entry per tensor, as {@code
 * numpy.savez} (entries STORED) and {@code numpy.savez_compressed} (DEFLATED) write them, so {@code
 * numpy.load("model.npz")["fc1.weight"]} works; dots in names are fine.
 *
 * <p>NumPy has no bfloat16, so {@link Dtype#BF16} tensors are written as float32 (exact: a bfloat16
 * is the top half of a float32). Entry times are fixed (1980-01-01) so the same tensors give the
 * same bytes.
 */
public final class Npz {

    /** The ZIP epoch: entries carry it instead of the wall clock, for reproducible files. */
    private static final long FIXED_TIME =
            LocalDateTime.of(1980, 1, 1, 0, 0)
                    .atZone(ZoneId.systemDefault())
                    .toInstant()
                    .toEpochMilli();

    private Npz() {}

    /**
     * The bytes of an {@code .npz} archive of {@code tensors}, in the order given.
     *
     * @param compressed DEFLATE the entries (like {@code savez_compressed}) or store them
     * @throws IllegalArgumentException if two tensors share a name
     */
    public static byte[] write(Collection<NamedTensor> tensors, boolean compressed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (NamedTensor t : tensors) {
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("two tensors are called '" + t.name() + "'");
                }
                byte[] npy = npy(t);
                ZipEntry entry = new ZipEntry(t.name() + ".npy");
                entry.setTime(FIXED_TIME);
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(npy);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(npy.length);
                    entry.setCompressedSize(npy.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The {@code .npy} bytes of one tensor. */
    static byte[] npy(NamedTensor t) {
        NamedTensor stored = t.dtype() == Dtype.BF16 ? t.widenBf16() : t;
        return Npy.encode(stored.dtype().numpyDescr(), stored.shape(), stored.data());
    }
}
