package io.kindling.runfolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.nn.Activation;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.ParamContext;
import io.kindling.train.Experiment;
import io.kindling.train.TrainRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the event file back with an independent decoder: TFRecord framing with both CRCs checked,
 * then the Event, Summary and HistogramProto protocol buffers field by field.
 */
class TensorBoardLogTest {

    @TempDir Path tmp;

    /** One decoded protobuf field. */
    record Field(int number, int wireType, long varint, byte[] bytes) {}

    static List<Field> decode(byte[] msg) {
        List<Field> fields = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(msg).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            long key = varint(b);
            int number = (int) (key >>> 3);
            int type = (int) (key & 7);
            switch (type) {
                case 0 -> fields.add(new Field(number, 0, varint(b), null));
                case 1 -> {
                    byte[] v = new byte[8];
                    b.get(v);
                    fields.add(new Field(number, 1, 0, v));
                }
                case 2 -> {
                    byte[] v = new byte[(int) varint(b)];
                    b.get(v);
                    fields.add(new Field(number, 2, 0, v));
                }
                case 5 -> {
                    byte[] v = new byte[4];
                    b.get(v);
                    fields.add(new Field(number, 5, 0, v));
                }
                default -> throw new AssertionError("unexpected wire type " + type);
            }
        }
        return fields;
    }

    static long varint(ByteBuffer b) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b.get() & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    static int masked(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /** The data of every TFRecord in the file, both CRCs checked. */
    static List<byte[]> records(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] len = new byte[8];
            b.get(len);
            assertEquals(masked(len), b.getInt(), "length CRC");
            byte[] data =
                    new byte[(int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            b.get(data);
            assertEquals(masked(data), b.getInt(), "data CRC");
            records.add(data);
        }
        return records;
    }

    static double f64(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    }

    /** step → tag → Summary.Value fields, from every event of the file. */
    static Map<Long, Map<String, List<Field>>> values(Path file) throws Exception {
        Map<Long, Map<String, List<Field>>> values = new LinkedHashMap<>();
        boolean first = true;
        for (byte[] data : records(file)) {
            long step = 0;
            for (Field f : decode(data)) {
                if (f.number() == 1) {
                    assertTrue(f64(f.bytes()) > 1.7e9, "wall time in seconds");
                } else if (f.number() == 2) {
                    step = f.varint();
                } else if (f.number() == 3) {
                    assertTrue(first);
                    assertEquals("brain.Event:2", new String(f.bytes(), StandardCharsets.UTF_8));
                } else if (f.number() == 5) {
                    for (Field value : decode(f.bytes())) {
                        List<Field> fields = decode(value.bytes());
                        String tag =
                                fields.stream()
                                        .filter(g -> g.number() == 1)
                                        .map(g -> new String(g.bytes(), StandardCharsets.UTF_8))
                                        .findFirst()
                                        .orElseThrow();
                        values.computeIfAbsent(step, k -> new LinkedHashMap<>()).put(tag, fields);
                    }
                }
            }
            first = false;
        }
        return values;
    }

    /** step → tag → value, for every scalar (simple_value) of the file. */
    static Map<Long, Map<String, Float>> read(Path file) throws Exception {
        Map<Long, Map<String, Float>> scalars = new LinkedHashMap<>();
        values(file)
                .forEach(
                        (step, tags) ->
                                tags.forEach(
                                        (tag, fields) ->
                                                fields.stream()
                                                        .filter(g -> g.number() == 2)
                                                        .forEach(
                                                                g ->
                                                                        scalars.computeIfAbsent(
                                                                                        step,
                                                                                        k ->
                                                                                                new LinkedHashMap<>())
                                                                                .put(
                                                                                        tag,
                                                                                        ByteBuffer
                                                                                                .wrap(
                                                                                                        g
                                                                                                                .bytes())
                                                                                                .order(
                                                                                                        ByteOrder
                                                                                                                .LITTLE_ENDIAN)
                                                                                                .getFloat()))));
        return scalars;
    }

    /** A decoded HistogramProto. */
    record Histo(
            double min,
            double max,
            double num,
            double sum,
            double sumSquares,
            double[] limits,
            double[] counts) {}

    static Histo histo(List<Field> valueFields) {
        Field h = valueFields.stream().filter(g -> g.number() == 5).findFirst().orElseThrow();
        double[] scalars = new double[6];
        double[] limits = null;
        double[] counts = null;
        for (Field g : decode(h.bytes())) {
            if (g.number() <= 5) {
                assertEquals(1, g.wireType(), "field " + g.number() + " is a double");
                scalars[g.number()] = f64(g.bytes());
            } else {
                assertEquals(2, g.wireType(), "field " + g.number() + " is packed");
                ByteBuffer b = ByteBuffer.wrap(g.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                double[] d = new double[g.bytes().length / 8];
                for (int i = 0; i < d.length; i++) {
                    d[i] = b.getDouble();
                }
                if (g.number() == 6) {
                    limits = d;
                } else {
                    counts = d;
                }
            }
        }
        return new Histo(
                scalars[1], scalars[2], scalars[3], scalars[4], scalars[5], limits, counts);
    }

    /** TF's default limits, ascending: ±1e-12·1.1^k below 1e20, ±DBL_MAX and 0. */
    static List<Double> tensorFlowLimits() {
        List<Double> positive = new ArrayList<>();
        for (double v = 1e-12; v < 1e20; v *= 1.1) {
            positive.add(v);
        }
        positive.add(Double.MAX_VALUE);
        List<Double> all = new ArrayList<>();
        for (int i = positive.size() - 1; i >= 0; i--) {
            all.add(-positive.get(i));
        }
        all.add(0.0);
        all.addAll(positive);
        return all;
    }

    static ModelParameter parameter(NDManager m, String name, float[] values) {
        Shape shape = new Shape(values.length);
        ParamContext c = ParamContext.ofWeight(shape, Activation.RELU);
        return new ModelParameter(
                new ParamContext(
                        name,
                        shape,
                        c.layer(),
                        c.role(),
                        c.fanIn(),
                        c.fanOut(),
                        c.nonlinearity(),
                        1,
                        1,
                        null,
                        1.0,
                        io.kindling.nn.Tags.NONE),
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.WEIGHT)
                        .optArray(m.create(values, shape))
                        .build());
    }

    /** Checks {@code h} against the finite values of {@code written}. */
    static void assertHistogramOf(float[] written, Histo h, String what) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSquares = 0;
        int num = 0;
        double[] recount = new double[h.limits().length];
        for (float f : written) {
            if (!Float.isFinite(f)) {
                continue;
            }
            double v = f;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumSquares += v * v;
            num++;
            int i = 0;
            while (i < h.limits().length && !(v < h.limits()[i])) {
                i++;
            }
            assertTrue(i < h.limits().length, what + ": " + v + " above the last limit");
            assertTrue(i == 0 || v >= h.limits()[i - 1], what + ": " + v);
            recount[i]++;
        }
        assertEquals(min, h.min(), 0.0, what + " min");
        assertEquals(max, h.max(), 0.0, what + " max");
        assertEquals(num, h.num(), what + " num");
        assertEquals(sum, h.sum(), what + " sum");
        assertEquals(sumSquares, h.sumSquares(), what + " sum_squares");
        assertArrayEquals(recount, h.counts(), what + ": each value in its bucket");
        assertEquals(num, Arrays.stream(h.counts()).sum(), what + " counts sum to num");

        List<Double> tf = tensorFlowLimits();
        assertTrue(
                h.counts()[0] > 0 && h.counts()[h.counts().length - 1] > 0,
                what + ": empty end buckets dropped");
        for (int i = 0; i < h.limits().length; i++) {
            int k = tf.indexOf(h.limits()[i]);
            assertTrue(k > 0, what + ": " + h.limits()[i] + " is one of TF's default limits");
            if (h.counts()[i] > 0) {
                // A non-empty bucket is exactly one of TF's: its left edge is the limit before.
                double left = i == 0 ? h.min() : h.limits()[i - 1];
                assertTrue(
                        i == 0 ? left >= tf.get(k - 1) : left == tf.get(k - 1),
                        what + ": bucket " + i + " spans one default bucket");
            } else {
                assertTrue(
                        h.counts()[i - 1] > 0 && h.counts()[i + 1] > 0,
                        what + ": a run of empty buckets is sent as one");
            }
        }
    }

    @Test
    void eventFileHoldsEveryLoggedScalarWithValidFraming() throws Exception {
        var spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=1, width=16)",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        20,
                                        "batch",
                                        64,
                                        "threads",
                                        1,
                                        "log_every",
                                        5,
                                        "schedule",
                                        "cosine(t_max=20)"))
                        .resolve();
        Path out = tmp.resolve("run");
        TrainRun.execute(spec, out, List.of());
        Path events;
        try (var files = Files.list(out)) {
            events =
                    files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
                            .findFirst()
                            .orElseThrow();
        }
        Map<Long, Map<String, Float>> scalars = read(events);
        int checked = 0;
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            Map<String, Float> atStep = scalars.get(n.get("step").asLong());
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals("step") && !e.getKey().equals("epoch")) {
                    assertEquals(
                            (float) e.getValue().asDouble(),
                            atStep.get(e.getKey()),
                            e.getKey() + " at step " + n.get("step"));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 4 * 3 + 5, "scalars checked: " + checked);
        assertTrue(scalars.get(20L).containsKey("test_accuracy"));
        assertTrue(scalars.get(5L).containsKey("train_lr"));
    }

    @Test
    void weightHistogramsHoldTheValuesWrittenInTensorFlowsDefaultBuckets() throws Exception {
        Random random = new Random(7);
        float[] weight = new float[1006];
        for (int i = 0; i < 1000; i++) {
            weight[i] = (float) (0.05 * random.nextGaussian());
        }
        float[] specials = {0f, -0f, 1e-13f, -3.5f, 2f, 1e-3f};
        System.arraycopy(specials, 0, weight, 1000, specials.length);
        float[] bias = {0f, 0f, 0f, 0f};
        float[] diverged = {1f, Float.NaN, Float.POSITIVE_INFINITY, -2f};
        Path dir = tmp.resolve("board");
        Files.createDirectories(dir);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
                TensorBoardLog log = new TensorBoardLog(dir)) {
            List<ModelParameter> parameters =
                    List.of(
                            parameter(m, "layer1.weight", weight),
                            parameter(m, "layer1.bias", bias),
                            parameter(m, "layer2.weight", diverged));
            log.writeHistograms(30, parameters);
            log.writeHistograms(60, parameters.subList(0, 1));
        }
        Path events;
        try (var files = Files.list(dir)) {
            events = files.findFirst().orElseThrow();
        }
        Map<Long, Map<String, List<Field>>> values = values(events);
        assertEquals(List.of(30L, 60L), List.copyOf(values.keySet()));
        assertEquals(
                List.of("weights/layer1.weight", "weights/layer1.bias", "weights/layer2.weight"),
                List.copyOf(values.get(30L).keySet()));
        assertEquals(List.of("weights/layer1.weight"), List.copyOf(values.get(60L).keySet()));
        assertHistogramOf(weight, histo(values.get(30L).get("weights/layer1.weight")), "weight");
        assertHistogramOf(weight, histo(values.get(60L).get("weights/layer1.weight")), "at 60");
        Histo zeros = histo(values.get(30L).get("weights/layer1.bias"));
        assertHistogramOf(bias, zeros, "bias");
        assertArrayEquals(new double[] {1e-12}, zeros.limits(), "0 counts in [0, 1e-12)");
        Histo finite = histo(values.get(30L).get("weights/layer2.weight"));
        assertHistogramOf(diverged, finite, "diverged");
        assertEquals(2, finite.num(), "NaN and infinity are left out");
    }
}
