package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden trajectories from {@code torch.optim}'s adaptive optimizers (float64), made by {@code
 * tools/reference/adaptive_reference.py}: the gradient rule {@code g = c·p + sin(p)}, 15 steps,
 * every element of every step within {@code 1e-9·max(1, |want|)}.
 */
class AdaptiveMatchesTorchTest {

    private static final double RELATIVE = 1e-9;

    static JsonNode reference() throws IOException {
        try (InputStream in =
                AdaptiveMatchesTorchTest.class.getResourceAsStream("/reference/adaptive.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        reference().get("cases").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trajectoryMatchesTorchOptim(String expr) throws IOException {
        JsonNode ref = reference();
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p = m.create(doubles(ref.get("start")));
            NDArray c = m.create(doubles(ref.get("c")));
            GradientTransform opt = Optimizers.REGISTRY.parse(expr);
            TransformState state = opt.init(List.of(p), m);
            JsonNode expected = ref.get("cases").get(expr);
            int steps = ref.get("steps").asInt();
            assertEquals(steps, expected.size(), expr);
            for (int step = 0; step < steps; step++) {
                NDArray[] updates = {c.mul(p).add(p.sin())};
                opt.update(updates, state, List.of(p));
                p.addi(updates[0]);
                assertEquals(DataType.FLOAT64, p.getDataType());
                double[] got = p.toDoubleArray();
                double[] want = doubles(expected.get(step));
                for (int i = 0; i < want.length; i++) {
                    double tolerance = RELATIVE * Math.max(1, Math.abs(want[i]));
                    assertEquals(
                            want[i],
                            got[i],
                            tolerance,
                            expr + " step " + (step + 1) + " element " + i);
                }
            }
        }
    }

    @Test
    void everyAdaptiveOptimizerHasReferenceCases() throws IOException {
        List<String> names = cases().toList();
        for (String optimizer :
                List.of(
                        "adam",
                        "adamw",
                        "rmsprop",
                        "adagrad",
                        "adadelta",
                        "adamax",
                        "nadam",
                        "radam")) {
            long n =
                    names.stream()
                            .filter(e -> e.equals(optimizer) || e.startsWith(optimizer + "("))
                            .count();
            assertTrue(n >= 3, optimizer + " has " + n + " reference cases");
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}
