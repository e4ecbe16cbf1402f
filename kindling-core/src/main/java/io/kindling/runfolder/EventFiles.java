package io.kindling.runfolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading back the TensorBoard event files {@link TensorBoardLog} writes, to cut them at a step
 * when a run resumes from a checkpoint: events after the checkpoint's step were made by the
 * interrupted process and will be made again, and a torn last record (a kill in the middle of a
 * write) is dropped. Files are rewritten atomically.
 */
public final class EventFiles {

    private EventFiles() {}

    /**
     * Keeps, in every {@code events.out.tfevents.*} file of {@code dir}, the complete records whose
     * event step is at most {@code step}.
     *
     * @return how many records were dropped in all
     */
    public static int truncateAfter(Path dir, long step) throws IOException {
        int dropped = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "events.out.tfevents.*")) {
            for (Path file : files) {
                byte[] all = Files.readAllBytes(file);
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
                int fileDropped = 0;
                while (b.remaining() > 0) {
                    int start = b.position();
                    byte[] data = nextRecord(b);
                    if (data == null) {
                        fileDropped++;
                        break;
                    }
                    if (eventStep(data) <= step) {
                        kept.write(all, start, b.position() - start);
                    } else {
                        fileDropped++;
                    }
                }
                if (fileDropped > 0) {
                    AtomicFile.write(file, kept.toByteArray());
                    dropped += fileDropped;
                }
            }
        }
        return dropped;
    }

    /** The next record's data, or null (position at the end) if the rest is torn or corrupt. */
    private static byte[] nextRecord(ByteBuffer b) {
        if (b.remaining() < 12) {
            b.position(b.limit());
            return null;
        }
        byte[] lengthBytes = new byte[8];
        b.get(lengthBytes);
        int lengthCrc = b.getInt();
        long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (lengthCrc != TensorBoardLog.maskedCrc(lengthBytes)
                || length < 0
                || length + 4 > b.remaining()) {
            b.position(b.limit());
            return null;
        }
        byte[] data = new byte[(int) length];
        b.get(data);
        if (b.getInt() != TensorBoardLog.maskedCrc(data)) {
            b.position(b.limit());
            return null;
        }
        return data;
    }

    /** The {@code step} (field 2) of an Event protobuf; 0 when absent. */
    static long eventStep(byte[] event) {
        ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            long key = varint(b);
            int field = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> {
                    long v = varint(b);
                    if (field == 2) {
                        return v;
                    }
                }
                case 1 -> b.position(b.position() + 8);
                case 2 -> b.position(b.position() + (int) varint(b));
                case 5 -> b.position(b.position() + 4);
                default -> throw new IllegalArgumentException("bad wire type in event");
            }
        }
        return 0;
    }

    private static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b.get();
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
