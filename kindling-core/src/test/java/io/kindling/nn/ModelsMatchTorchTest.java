package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
 * Every family built from an expression has the parameters PyTorch's version of the same
 * architecture has, in the same order, with the same shapes and fans, the same trainable count and
 * the same output shape (fixture: tools/reference/model_reference.py).
 */
class ModelsMatchTorchTest {

    static Stream<JsonNode> models() {
        try (InputStream in =
                ModelsMatchTorchTest.class.getResourceAsStream("/reference/models.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.get("models").spliterator(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void parametersShapesFansAndOutputMatchTorch(JsonNode ref) {
        String expr = ref.get("expr").asText();
        JsonNode image = ref.get("input");
        Model m =
                Models.REGISTRY
                        .parse(expr)
                        .build(
                                InputShape.image(
                                        image.get(0).asInt(),
                                        image.get(1).asInt(),
                                        image.get(2).asInt()),
                                ref.get("classes").asInt());
        List<String> expected = new ArrayList<>();
        ref.get("parameters").forEach(p -> expected.add(p.get("name").asText()));
        List<ParamContext> trainable = m.trainable().stream().map(ModelParameter::context).toList();
        assertEquals(expected, trainable.stream().map(ParamContext::name).toList(), expr);
        for (int i = 0; i < trainable.size(); i++) {
            JsonNode p = ref.get("parameters").get(i);
            ParamContext c = trainable.get(i);
            long[] shape = new long[p.get("shape").size()];
            for (int d = 0; d < shape.length; d++) {
                shape[d] = p.get("shape").get(d).asLong();
            }
            assertEquals(new Shape(shape), c.shape(), c.name());
            if (p.has("fan_in")) {
                assertEquals(p.get("fan_in").asLong(), c.fanIn(), c.name() + " fan_in");
                assertEquals(p.get("fan_out").asLong(), c.fanOut(), c.name() + " fan_out");
            }
        }
        assertEquals(ref.get("trainable").asLong(), m.trainableCount(), expr);
        int batch = ref.get("output_shape").get(0).asInt();
        try (NDManager manager = NDManager.newBaseManager()) {
            // apply() also checks that every DJL tensor has the shape its context records
            Families.initialize(m, "he_normal", 1, manager);
            assertEquals(
                    new Shape(batch, ref.get("output_shape").get(1).asLong()),
                    Families.forwardShape(m, batch, manager),
                    expr);
        }
    }
}
