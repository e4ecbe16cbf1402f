package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clipping transforms and chains against float64 values from {@code torch.nn.utils} and {@code
 * torch.optim.SGD}, made by {@code tools/reference/transform_reference.py}: single clipping calls
 * on fixed gradients, and 12-step trajectories of two parameters (a vector and a matrix) under
 * {@code g = c·p + sin(p)}. Compared to 1e-9 relative.
 */
class TransformsMatchTorchTest {

    static final double RELATIVE = 1e-9;

    static JsonNode reference() throws IOException {
        try (InputStream in =
                TransformsMatchTorchTest.class.getResourceAsStream("/reference/transforms.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Integer> singleCases() throws IOException {
        return IntStream.range(0, reference().get("single").size()).boxed();
    }

    static Stream<String> chainCases() throws IOException {
        List<String> names = new ArrayList<>();
        reference().get("chains").get("cases").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("singleCases")
    void oneClippingCallMatchesTorch(int index) throws IOException {
        JsonNode ref = reference();
        JsonNode c = ref.get("single").get(index);
        String expr = c.get("expr").asText();
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> grads = new ArrayList<>();
            for (JsonNode name : c.get("tensors")) {
                grads.add(tensor(m, ref.get("inputs").get(name.asText())));
            }
            List<NDArray> params =
                    grads.stream().map(g -> m.zeros(g.getShape(), DataType.FLOAT64)).toList();
            GradientTransform t = Optimizers.REGISTRY.parse(expr);
            assertEquals(expr, t.print(), "reference keys are canonical");
            NDArray[] updates = grads.toArray(NDArray[]::new);
            t.update(updates, t.init(params, m), params);
            for (int i = 0; i < updates.length; i++) {
                assertEquals(DataType.FLOAT64, updates[i].getDataType());
                assertEquals(grads.get(i).getShape(), updates[i].getShape());
                assertClose(
                        doubles(c.get("expected").get(i)),
                        updates[i].toDoubleArray(),
                        expr + " tensor " + c.get("tensors").get(i).asText());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainCases")
    void chainTrajectoryMatchesTorch(String expr) throws IOException {
        JsonNode ref = reference().get("chains");
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params = new ArrayList<>();
            List<NDArray> cs = new ArrayList<>();
            for (int k = 0; k < ref.get("starts").size(); k++) {
                NDArray p = tensor(m, ref.get("starts").get(k));
                params.add(p);
                cs.add(m.create(doubles(ref.get("c").get(k)), p.getShape()));
            }
            GradientTransform opt = Optimizers.REGISTRY.parse(expr);
            assertTrue(opt instanceof Chain, expr);
            assertEquals(expr, opt.print(), "reference keys are canonical");
            TransformState state = opt.init(params, m);
            JsonNode expected = ref.get("cases").get(expr);
            for (int step = 0; step < ref.get("steps").asInt(); step++) {
                NDArray[] updates = new NDArray[params.size()];
                for (int k = 0; k < updates.length; k++) {
                    updates[k] = cs.get(k).mul(params.get(k)).add(params.get(k).sin());
                }
                opt.update(updates, state, params);
                for (int k = 0; k < updates.length; k++) {
                    params.get(k).addi(updates[k]);
                    assertClose(
                            doubles(expected.get(step).get(k)),
                            params.get(k).toDoubleArray(),
                            expr + " step " + (step + 1) + " parameter " + k);
                }
            }
            assertEquals(ref.get("steps").asLong(), state.count());
        }
    }

    static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + " size");
        for (int i = 0; i < want.length; i++) {
            double tol = RELATIVE * Math.abs(want[i]) + 1e-15;
            assertEquals(want[i], got[i], tol, what + " element " + i);
        }
    }

    private static NDArray tensor(NDManager m, JsonNode spec) {
        JsonNode dims = spec.get("shape");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong();
        }
        return m.create(doubles(spec.get("values")), new Shape(shape));
    }

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}
