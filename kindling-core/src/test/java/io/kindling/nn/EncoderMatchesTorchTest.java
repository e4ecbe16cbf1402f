package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kindling's encoder(...) computes what PyTorch's own {@code nn.TransformerEncoderLayer} stack
 * computes, given identical weights (fixture: tools/reference/encoder_reference.py, float64 in
 * PyTorch, float32 here): the class logits for pre- and post-LN blocks, mean and first-token
 * pooling, without padding and with token 0 as padding (PyTorch's {@code src_key_padding_mask}).
 * The parameter names and their order are also the reference's.
 */
class EncoderMatchesTorchTest {

    private static JsonNode root;

    static Stream<JsonNode> cases() {
        try (InputStream in =
                EncoderMatchesTorchTest.class.getResourceAsStream("/reference/encoder.json")) {
            root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.get("cases").spliterator(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logitsMatchTorchsEncoderLayers(JsonNode ref) {
        int vocab = root.get("vocab").asInt();
        List<float[]> rows = new ArrayList<>();
        root.get("tokens").forEach(r -> rows.add(floats(r)));
        int steps = rows.get(0).length;
        Model m =
                Models.REGISTRY
                        .parse(ref.get("expr").asText())
                        .build(InputShape.tokens(steps, vocab), root.get("classes").asInt());
        List<String> names = new ArrayList<>();
        ref.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertEquals(names, m.trainable().stream().map(ModelParameter::name).toList());
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "normal(std=0.02)", 1, manager);
            Families.fillSine(m, names, manager);
            float[] flat = new float[rows.size() * steps];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r), 0, flat, r * steps, steps);
            }
            NDArray x = manager.create(flat, new Shape(rows.size(), steps));
            NDArray logits =
                    m.block()
                            .forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            JsonNode shape = ref.get("logits_shape");
            assertEquals(
                    new Shape(shape.get(0).asLong(), shape.get(1).asLong()), logits.getShape());
            float[] got = logits.toFloatArray();
            JsonNode want = ref.get("logits");
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                double e = want.get(i).asDouble();
                worst = Math.max(worst, Math.abs(e - got[i]) / Math.max(1, Math.abs(e)));
            }
            assertTrue(worst < 2e-4, "logits: worst relative error " + worst);
        }
    }

    private static float[] floats(JsonNode row) {
        float[] f = new float[row.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) row.get(i).asDouble();
        }
        return f;
    }
}
