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
import io.kindling.task.StepClassification;
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
 * Kindling's gpt(...) computes what the same model written with plain PyTorch ops computes, given
 * identical weights (fixture: tools/reference/gpt_reference.py, float64 in PyTorch, float32 here):
 * logits, block 1's attention probabilities and the next-token cross-entropy, for pre-LN, post-LN
 * with an untied head, DeepNorm (α on the residual) and μP's attention scale and readout
 * multiplier. The parameter names and their order are also PyTorch's list.
 */
class GptMatchesTorchTest {

    private static JsonNode root;

    static Stream<JsonNode> cases() {
        try (InputStream in =
                GptMatchesTorchTest.class.getResourceAsStream("/reference/gpt.json")) {
            root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.get("cases").spliterator(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logitsAttentionAndLossMatchTorch(JsonNode ref) {
        int vocab = root.get("vocab").asInt();
        float[] tokens = floats(root.get("tokens"));
        int steps = root.get("tokens").get(0).size();
        Model m =
                Models.REGISTRY
                        .parse(ref.get("expr").asText())
                        .build(InputShape.tokens(steps, vocab), vocab);
        List<String> names = new ArrayList<>();
        ref.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        assertEquals(names, m.trainable().stream().map(ModelParameter::name).toList());
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "normal(std=0.02)", 1, manager);
            Families.fillSine(m, names, manager);
            NDArray x = manager.create(tokens, new Shape(tokens.length / steps, steps));
            NDArray logits;
            NDArray attention;
            try (ProbeSession probes = ProbeSession.open(true)) {
                logits =
                        m.block()
                                .forward(new ParameterStore(manager, false), new NDList(x), false)
                                .singletonOrThrow();
                attention = probes.get(m.probes(ProbeKind.ATTENTION).get(0));
            }
            assertEquals(
                    new Shape(longs(ref.get("logits_shape"))), logits.getShape(), "logits shape");
            assertClose(ref.get("logits"), logits.toFloatArray(), 2e-4, "logits");
            assertClose(ref.get("attention_block1"), attention.toFloatArray(), 2e-5, "attention");
            float[] t = floats(root.get("targets"));
            long[] y = new long[t.length];
            for (int i = 0; i < t.length; i++) {
                y[i] = (long) t[i];
            }
            NDArray targets = manager.create(y, new Shape(t.length / steps, steps));
            double loss = new StepClassification(0).loss(logits, targets).getFloat();
            assertEquals(ref.get("loss").asDouble(), loss, 1e-4, "mean cross-entropy");
        }
    }

    private static void assertClose(JsonNode expected, float[] actual, double tol, String what) {
        assertEquals(expected.size(), actual.length, what + " size");
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).asDouble();
            worst = Math.max(worst, Math.abs(e - actual[i]) / Math.max(1, Math.abs(e)));
        }
        assertTrue(worst < tol, what + ": worst relative error " + worst);
    }

    private static float[] floats(JsonNode rows) {
        List<Float> v = new ArrayList<>();
        rows.forEach(r -> r.forEach(x -> v.add((float) x.asDouble())));
        float[] f = new float[v.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = v.get(i);
        }
        return f;
    }

    private static long[] longs(JsonNode a) {
        long[] l = new long[a.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = a.get(i).asLong();
        }
        return l;
    }
}
