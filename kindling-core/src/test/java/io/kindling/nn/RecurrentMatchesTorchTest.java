package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
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
 * rnn, lstm and gru have torch.nn's parameters (names, order, shapes) and, loaded with the same
 * values, compute the same output, so the gate order and the head match (fixture:
 * tools/reference/recurrent_reference.py, torch 2.13).
 */
class RecurrentMatchesTorchTest {

    static Stream<JsonNode> cases() {
        try (InputStream in =
                RecurrentMatchesTorchTest.class.getResourceAsStream("/reference/recurrent.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.get("cases").spliterator(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void layoutAndForwardMatchTorch(JsonNode ref) {
        String expr = ref.get("expr").asText();
        int steps = ref.get("steps").asInt();
        int perStep = ref.get("per_step").asInt();
        Model m =
                Models.REGISTRY
                        .parse(expr)
                        .build(InputShape.sequence(steps, perStep), ref.get("outputs").asInt());
        assertEquals(expr, m.spec().print());
        List<String> names = new ArrayList<>();
        ref.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertEquals(names, m.trainable().stream().map(ModelParameter::name).toList());
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "xavier_uniform", 1, manager);
            for (int j = 0; j < m.trainable().size(); j++) {
                ModelParameter p = m.trainable().get(j);
                JsonNode s = ref.get("parameters").get(j).get("shape");
                long[] shape = new long[s.size()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = s.get(d).asLong();
                }
                assertEquals(new Shape(shape), p.array().getShape(), p.name());
                NDArray k = manager.arange(0, (int) p.array().size(), 1, DataType.FLOAT64);
                Compute.copy(
                        k.mul(0.37)
                                .add(j)
                                .sin()
                                .mul(0.5)
                                .toType(DataType.FLOAT32, false)
                                .reshape(p.array().getShape()),
                        p.array());
            }
            int batch = 2;
            NDArray x =
                    manager.arange(0, batch * steps * perStep, 1, DataType.FLOAT64)
                            .mul(0.11)
                            .cos()
                            .toType(DataType.FLOAT32, false)
                            .reshape(batch, (long) steps * perStep);
            NDArray y =
                    m.block()
                            .forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            JsonNode os = ref.get("output_shape");
            long[] outShape = new long[os.size()];
            for (int d = 0; d < outShape.length; d++) {
                outShape[d] = os.get(d).asLong();
            }
            assertEquals(new Shape(outShape), y.getShape(), expr);
            float[] got = y.toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(
                        ref.get("output").get(i).asDouble(), got[i], 1e-5, expr + " [" + i + "]");
            }
        }
    }
}
