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
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model expression builds exactly what it built when the fixture was written: each
 * parameter's full context (name, shape, kind, role, fans, nonlinearity, depth, residual position,
 * width multiplier, block, stage, gate, projection), each gate slice, each probe, in order, and the
 * same output for the same seeded weights and input. The fixture comes from {@code
 * tools/reference/ModelContexts.java}, run on the model code before it was split into a core and
 * layer modules; it pins that rewrite and any later one. Outputs are compared to 1e-4 of their
 * magnitude (CPUs differ in the last bits); everything else exactly.
 */
class ModelContextsTest {

    static Stream<JsonNode> cases() {
        try (InputStream in =
                ModelContextsTest.class.getResourceAsStream("/reference/model_contexts.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.spliterator(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsTheSameParametersProbesAndOutput(JsonNode ref) {
        String expr = ref.get("expr").asText();
        InputShape input = input(ref.get("input").asText());
        Model m = Models.REGISTRY.parse(expr).build(input, ref.get("outputs").asInt());
        assertEquals(ref.get("printed").asText(), m.spec().print(), "printed form");
        ObjectMapper json = new ObjectMapper();
        List<ModelParameter> params = m.parameters();
        assertEquals(ref.get("parameters").size(), params.size(), expr + ": parameter count");
        for (int i = 0; i < params.size(); i++) {
            ModelParameter p = params.get(i);
            JsonNode want = ref.get("parameters").get(i);
            Map<String, Object> got = context(p.context());
            got.put("slices", p.slices().stream().map(ModelContextsTest::context).toList());
            assertEquals(want, reparsed(json, got), expr + ": parameter " + i);
        }
        List<String> probes =
                m.probes().stream().map(p -> p.layer() + " " + p.kind() + " " + p.index()).toList();
        assertEquals(
                StreamSupport.stream(ref.get("probes").spliterator(), false)
                        .map(JsonNode::asText)
                        .toList(),
                probes,
                expr + ": probes");
        try (NDManager manager = NDManager.newBaseManager()) {
            Compute.start(Compute.Threads.defaults());
            Compute.seed(7);
            InitPlan.forWeights(Initializers.REGISTRY.parse("normal(std=0.1)")).apply(m, manager);
            Compute.seed(11);
            long features = m.inputShape().get(1);
            NDArray x =
                    input.isTokens()
                            ? manager.randomInteger(
                                            0,
                                            input.vocab(),
                                            new Shape(3, features),
                                            DataType.INT64)
                                    .toType(DataType.FLOAT32, false)
                            : manager.randomNormal(new Shape(3, features));
            NDArray y =
                    m.block()
                            .forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            assertEquals(ref.get("output_shape").asText(), y.getShape().toString(), expr);
            NDArray flat = y.toType(DataType.FLOAT64, false).flatten();
            double scale = ref.get("output_abs_sum").asDouble();
            double tol = 1e-4 * scale + 1e-6;
            assertEquals(scale, flat.abs().sum().getDouble(), tol, expr + ": Σ|y|");
            assertEquals(ref.get("output_sum").asDouble(), flat.sum().getDouble(), tol, expr);
            assertEquals(
                    ref.get("output_first").asDouble(),
                    flat.get(0).getDouble(),
                    1e-4 * Math.abs(ref.get("output_first").asDouble()) + 1e-5,
                    expr + ": y[0]");
        }
    }

    /** The map as the fixture's parser reads it, so numbers compare by value, not node type. */
    private static JsonNode reparsed(ObjectMapper json, Map<String, Object> map) {
        try {
            return json.readTree(json.writeValueAsString(map));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputShape input(String s) {
        String[] kv = s.split(" ");
        String[] n = kv[1].split(",");
        return switch (kv[0]) {
            case "flat" -> InputShape.flat(Long.parseLong(n[0]));
            case "image" ->
                    InputShape.image(
                            Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]));
            case "sequence" -> InputShape.sequence(Integer.parseInt(n[0]), Integer.parseInt(n[1]));
            case "tokens" -> InputShape.tokens(Integer.parseInt(n[0]), Integer.parseInt(n[1]));
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static Map<String, Object> context(ParamContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("shape", c.shape().toString());
        m.put("layer", c.layer().label());
        m.put("role", c.role().label());
        m.put("fan_in", c.fanIn());
        m.put("fan_out", c.fanOut());
        m.put("nonlinearity", c.nonlinearity().print());
        m.put("depth", c.depthIndex());
        m.put("total_depth", c.totalDepth());
        m.put(
                "residual",
                c.residual() == null
                        ? ""
                        : c.residual().branches()
                                + "/"
                                + c.residual().layersPerBranch()
                                + "/"
                                + c.residual().position());
        m.put("width_multiplier", c.widthMultiplier());
        m.put("block", c.block());
        m.put("stage", c.stage());
        m.put("gate", c.tag(Recurrence.GATE));
        m.put("projection", c.tag(Transformer.PROJECTION));
        m.put("trainable", c.trainable());
        return m;
    }
}
