package io.kindling.report;

import io.kindling.train.TrainEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files ({@code events.out.tfevents.<time>.<host>}) with a scalar for
 * every numeric metric of every record ({@code train_loss}, {@code test_accuracy},
 * {@code train_lr}, …) at the record's step, flushed record by record.
 *
 * <p>The format is TFRecord framing — {@code uint64 length, uint32 masked_crc32c(length), data,
 * uint32 masked_crc32c(data)}, masked as {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} —
 * around {@code tensorflow.Event} protocol buffers: {@code wall_time} (1, double),
 * {@code step} (2, int64), {@code file_version} (3, string) or {@code summary} (5) holding
 * {@code Summary.Value{tag (1), simple_value (2, float)}}. Encoded here directly; the test
 * decodes it with an independent reader.
 */
public final class TensorBoardLog implements TrainEvents, AutoCloseable {

    private final OutputStream out;

    /** Creates the event file in {@code dir} and writes the file-version event. */
    public TensorBoardLog(Path dir) {
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName();
            Path file = dir.resolve("events.out.tfevents."
                    + (System.currentTimeMillis() / 1000) + "." + host);
            this.out = Files.newOutputStream(file);
            write(event(wallTime(), 0, fileVersion()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write TensorBoard events in " + dir, e);
        }
    }

    @Override
    public void onRecord(Map<String, Object> record) {
        long step = ((Number) record.get("step")).longValue();
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        record.forEach((key, value) -> {
            if (!key.equals("step") && !key.equals("epoch") && value instanceof Number n) {
                ByteArrayOutputStream v = new ByteArrayOutputStream();
                bytesField(v, 1, key.getBytes(StandardCharsets.UTF_8));
                v.write(0x15);
                v.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                        .putFloat(n.floatValue()).array());
                bytesField(summary, 1, v.toByteArray());
            }
        });
        ByteArrayOutputStream what = new ByteArrayOutputStream();
        bytesField(what, 5, summary.toByteArray());
        try {
            write(event(wallTime(), step, what.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double wallTime() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static byte[] fileVersion() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        bytesField(b, 3, "brain.Event:2".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static byte[] event(double wallTime, long step, byte[] what) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x09);
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(wallTime)
                .array());
        b.write(0x10);
        varint(b, step);
        b.writeBytes(what);
        return b.toByteArray();
    }

    private static void bytesField(ByteArrayOutputStream b, int field, byte[] data) {
        varint(b, (field << 3) | 2);
        varint(b, data.length);
        b.writeBytes(data);
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }

    private void write(byte[] data) throws IOException {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(data.length).array();
        out.write(length);
        out.write(intLe(maskedCrc(length)));
        out.write(data);
        out.write(intLe(maskedCrc(data)));
        out.flush();
    }

    /** TFRecord's masked CRC-32C. */
    static int maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    private static byte[] intLe(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
