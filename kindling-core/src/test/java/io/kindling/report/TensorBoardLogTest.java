package io.kindling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.train.Experiment;
import io.kindling.train.TrainRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the event file back with an independent decoder: TFRecord framing with both CRCs
 * checked, then the Event and Summary protocol buffers field by field.
 */
class TensorBoardLogTest {

    @TempDir
    Path tmp;

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

    /** step → tag → value, from every record of the file. */
    static Map<Long, Map<String, Float>> read(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        Map<Long, Map<String, Float>> scalars = new LinkedHashMap<>();
        boolean first = true;
        while (b.hasRemaining()) {
            byte[] len = new byte[8];
            b.get(len);
            assertEquals(masked(len), b.getInt(), "length CRC");
            byte[] data = new byte[(int) ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN)
                    .getLong()];
            b.get(data);
            assertEquals(masked(data), b.getInt(), "data CRC");
            long step = 0;
            for (Field f : decode(data)) {
                if (f.number() == 1) {
                    double wall = ByteBuffer.wrap(f.bytes()).order(ByteOrder.LITTLE_ENDIAN)
                            .getDouble();
                    assertTrue(wall > 1.7e9, "wall time in seconds");
                } else if (f.number() == 2) {
                    step = f.varint();
                } else if (f.number() == 3) {
                    assertTrue(first);
                    assertEquals("brain.Event:2", new String(f.bytes(), StandardCharsets.UTF_8));
                } else if (f.number() == 5) {
                    for (Field value : decode(f.bytes())) {
                        String tag = null;
                        float v = Float.NaN;
                        for (Field g : decode(value.bytes())) {
                            if (g.number() == 1) {
                                tag = new String(g.bytes(), StandardCharsets.UTF_8);
                            } else if (g.number() == 2) {
                                v = ByteBuffer.wrap(g.bytes()).order(ByteOrder.LITTLE_ENDIAN)
                                        .getFloat();
                            }
                        }
                        scalars.computeIfAbsent(step, k -> new LinkedHashMap<>()).put(tag, v);
                    }
                }
            }
            first = false;
        }
        return scalars;
    }

    @Test
    void eventFileHoldsEveryLoggedScalarWithValidFraming() throws Exception {
        var spec = new Experiment(Map.of("model", "mlp(depth=1, width=16)", "data",
                "fashion-mnist(source=subset)", "steps", 20, "batch", 64, "threads", 1,
                "log_every", 5, "schedule", "cosine(t_max=20)")).resolve();
        Path out = tmp.resolve("run");
        TrainRun.execute(spec, out, List.of());
        Path events;
        try (var files = Files.list(out)) {
            events = files.filter(p -> p.getFileName().toString()
                    .startsWith("events.out.tfevents.")).findFirst().orElseThrow();
        }
        Map<Long, Map<String, Float>> scalars = read(events);
        int checked = 0;
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            Map<String, Float> atStep = scalars.get(n.get("step").asLong());
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals("step") && !e.getKey().equals("epoch")) {
                    assertEquals((float) e.getValue().asDouble(), atStep.get(e.getKey()),
                            e.getKey() + " at step " + n.get("step"));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 4 * 3 + 5, "scalars checked: " + checked);
        assertTrue(scalars.get(20L).containsKey("test_accuracy"));
        assertTrue(scalars.get(5L).containsKey("train_lr"));
    }
}
