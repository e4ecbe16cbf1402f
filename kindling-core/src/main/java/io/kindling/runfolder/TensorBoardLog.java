package io.kindling.runfolder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.kindling.nn.ModelParameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files ({@code events.out.tfevents.<time>.<host>}) with a scalar for
 * every numeric metric of every record ({@code train_loss}, {@code test_accuracy}, {@code
 * train_lr}, …) at the record's step, and a histogram {@code weights/<parameter>} of every
 * parameter each time the trainer offers the weights ({@code histogram_every}), flushed event by
 * event.
 *
 * <p>The format is TFRecord framing — {@code uint64 length, uint32 masked_crc32c(length), data,
 * uint32 masked_crc32c(data)}, masked as {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8} — around
 * {@code tensorflow.Event} protocol buffers: {@code wall_time} (1, double), {@code step} (2,
 * int64), {@code file_version} (3, string) or {@code summary} (5) holding {@code Summary.Value{tag
 * (1), simple_value (2, float)}} or {@code Summary.Value{tag (1), histo (5)}}, a {@code
 * HistogramProto} as described at {@link Histogram}. Encoded here directly; the test decodes it
 * with an independent reader.
 */
public final class TensorBoardLog implements AutoCloseable {

    private final OutputStream out;

    /** Creates the event file in {@code dir} and writes the file-version event. */
    public TensorBoardLog(Path dir) {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            String base = "events.out.tfevents." + (System.currentTimeMillis() / 1000) + "." + host;
            // A resumed run may start within the second its earlier file was made: never
            // overwrite a file, add a suffix instead (TensorBoard reads every file).
            Path file = dir.resolve(base);
            for (int i = 1; Files.exists(file); i++) {
                file = dir.resolve(base + "." + i);
            }
            this.out =
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            write(event(wallTime(), 0, fileVersion()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write TensorBoard events in " + dir, e);
        }
    }

    /** One event at the record's {@code step} with a scalar per numeric metric. */
    public void writeScalars(Map<String, Object> record) {
        long step = ((Number) record.get("step")).longValue();
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        record.forEach(
                (key, value) -> {
                    if (!key.equals("step") && !key.equals("epoch") && value instanceof Number n) {
                        ByteArrayOutputStream v = new ByteArrayOutputStream();
                        bytesField(v, 1, key.getBytes(StandardCharsets.UTF_8));
                        v.write(0x15);
                        v.writeBytes(
                                ByteBuffer.allocate(4)
                                        .order(ByteOrder.LITTLE_ENDIAN)
                                        .putFloat(n.floatValue())
                                        .array());
                        bytesField(summary, 1, v.toByteArray());
                    }
                });
        writeSummary(step, summary);
    }

    /**
     * One event at {@code step} with a {@code weights/<name>} histogram per parameter. Values are
     * copied to the host ({@code histogram_every} keeps this rare); non-finite values are left out
     * of the histogram, and a parameter with none finite is left out of the event.
     */
    public void writeHistograms(long step, List<ModelParameter> parameters) {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        for (ModelParameter p : parameters) {
            Histogram h = Histogram.of(values(p.array()));
            if (h != null) {
                ByteArrayOutputStream v = new ByteArrayOutputStream();
                bytesField(v, 1, ("weights/" + p.name()).getBytes(StandardCharsets.UTF_8));
                bytesField(v, 5, h.encode());
                bytesField(summary, 1, v.toByteArray());
            }
        }
        writeSummary(step, summary);
    }

    private static float[] values(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray f = array.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    private void writeSummary(long step, ByteArrayOutputStream summary) {
        ByteArrayOutputStream what = new ByteArrayOutputStream();
        bytesField(what, 5, summary.toByteArray());
        try {
            write(event(wallTime(), step, what.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * TensorFlow's default histogram ({@code tensorflow/core/lib/histogram/histogram.cc}): the
     * bucket limits are {@code 0}, {@code ±1e-12·1.1^k} for every {@code k ≥ 0} below {@code 1e20},
     * and {@code ±DBL_MAX}, ascending; a value {@code v} counts in the bucket {@code i} with {@code
     * limit[i-1] ≤ v < limit[i]} (the first limit above {@code v}, TF's {@code upper_bound}). As TF
     * does, each run of empty buckets is sent as one; as PyTorch's {@code torch.utils.tensorboard}
     * does, empty runs at either end are dropped, so TensorBoard, which takes {@code min} and
     * {@code max} as the outer edges, never draws a backwards bucket.
     *
     * @param min smallest value
     * @param max largest value
     * @param num number of values
     * @param sum sum of the values
     * @param sumSquares sum of their squares
     * @param limits right edge of each bucket sent
     * @param counts values in each bucket sent
     */
    record Histogram(
            double min,
            double max,
            long num,
            double sum,
            double sumSquares,
            double[] limits,
            double[] counts) {

        static final double[] DEFAULT_LIMITS = defaultLimits();

        /** The histogram of the finite values, or null if there is none. */
        static Histogram of(float[] values) {
            double[] all = new double[DEFAULT_LIMITS.length];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double sumSquares = 0;
            long num = 0;
            for (float f : values) {
                if (Float.isFinite(f)) {
                    double v = f;
                    all[upperBound(DEFAULT_LIMITS, v)]++;
                    min = v < min ? v : min;
                    max = v > max ? v : max;
                    sum += v;
                    sumSquares += v * v;
                    num++;
                }
            }
            if (num == 0) {
                return null;
            }
            int first = 0;
            while (all[first] == 0) {
                first++;
            }
            int last = all.length - 1;
            while (all[last] == 0) {
                last--;
            }
            List<double[]> kept = new ArrayList<>();
            for (int i = first; i <= last; i++) {
                while (all[i] == 0 && all[i + 1] == 0) {
                    i++;
                }
                kept.add(new double[] {DEFAULT_LIMITS[i], all[i]});
            }
            return new Histogram(
                    min,
                    max,
                    num,
                    sum,
                    sumSquares,
                    kept.stream().mapToDouble(b -> b[0]).toArray(),
                    kept.stream().mapToDouble(b -> b[1]).toArray());
        }

        /** Index of the first limit above {@code v} (C++ {@code std::upper_bound}). */
        static int upperBound(double[] limits, double v) {
            int lo = 0;
            int hi = limits.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (limits[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static double[] defaultLimits() {
            List<Double> positive = new ArrayList<>();
            for (double v = 1.0e-12; v < 1.0e20; v *= 1.1) {
                positive.add(v);
            }
            positive.add(Double.MAX_VALUE);
            int n = positive.size();
            double[] limits = new double[2 * n + 1];
            for (int i = 0; i < n; i++) {
                limits[n - 1 - i] = -positive.get(i);
                limits[n + 1 + i] = positive.get(i);
            }
            return limits;
        }

        /**
         * The {@code HistogramProto}: min 1, max 2, num 3, sum 4, sum_squares 5 (doubles),
         * bucket_limit 6 and bucket 7 (packed doubles).
         */
        byte[] encode() {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            doubleField(b, 1, min);
            doubleField(b, 2, max);
            doubleField(b, 3, num);
            doubleField(b, 4, sum);
            doubleField(b, 5, sumSquares);
            bytesField(b, 6, packed(limits));
            bytesField(b, 7, packed(counts));
            return b.toByteArray();
        }

        private static byte[] packed(double[] values) {
            ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                buf.putDouble(v);
            }
            return buf.array();
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
        b.writeBytes(
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(wallTime).array());
        b.write(0x10);
        varint(b, step);
        b.writeBytes(what);
        return b.toByteArray();
    }

    private static void doubleField(ByteArrayOutputStream b, int field, double v) {
        varint(b, (field << 3) | 1);
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
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
        byte[] length =
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
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
