package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transform contract for every adaptive optimizer and transform, with every option on: incoming
 * updates and parameters are never modified in place, state buffers and updates keep the
 * parameters' precision (float32 and float64), and several parameters of different shapes are
 * optimized exactly as each would be alone (the buffers are kept per parameter).
 */
class AdaptiveContractTest {

    static final List<String> EXPRESSIONS =
            List.of(
                    "adam(lr=0.1, weight_decay=0.1, amsgrad=true)",
                    "adamw(lr=0.1, weight_decay=0.1, amsgrad=true)",
                    "rmsprop(lr=0.01, weight_decay=0.1, momentum=0.9, centered=true)",
                    "rmsprop(lr=0.01)",
                    "adagrad(lr=0.1, lr_decay=0.1, weight_decay=0.1, initial_accumulator_value=0.5)",
                    "adadelta(lr=1, weight_decay=0.1)",
                    "adamax(lr=0.1, weight_decay=0.1)",
                    "nadam(lr=0.1, weight_decay=0.1)",
                    "radam(lr=0.1, weight_decay=0.1)",
                    "scale_by_adam(amsgrad=true)",
                    "scale_by_rms(centered=true, momentum=0.5)",
                    "scale_by_adagrad(lr_decay=0.5, initial_accumulator_value=1)",
                    "scale_by_adadelta",
                    "scale_by_adamax",
                    "scale_by_nadam",
                    "scale_by_radam");

    static final int STEPS = 8;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String e : EXPRESSIONS) {
            all.add(Arguments.of(e, DataType.FLOAT32));
            all.add(Arguments.of(e, DataType.FLOAT64));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void neverModifiesInputsAndKeepsPrecision(String expr, DataType type) {
        Compute.start(new Compute.Threads(1, 1));
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params = params(m, type);
            TransformState state = opt.init(params, m);
            for (NDArray buffer : state.allArrays()) {
                assertEquals(type, buffer.getDataType(), expr + " state buffer");
            }
            for (int step = 0; step < STEPS; step++) {
                NDArray[] updates = gradients(params);
                NDArray[] incoming = updates.clone();
                double[][] before = values(List.of(incoming));
                double[][] paramsBefore = values(params);
                opt.update(updates, state, params);
                assertArrays(before, values(List.of(incoming)), expr + " modified its input");
                assertArrays(paramsBefore, values(params), expr + " modified a parameter");
                for (int i = 0; i < updates.length; i++) {
                    assertEquals(type, updates[i].getDataType(), expr + " update precision");
                    assertEquals(params.get(i).getShape(), updates[i].getShape());
                    for (double v : updates[i].toType(DataType.FLOAT64, false).toDoubleArray()) {
                        assertTrue(Double.isFinite(v), expr + " produced " + v);
                    }
                    params.get(i).addi(updates[i]);
                }
            }
            for (NDArray buffer : state.allArrays()) {
                assertEquals(type, buffer.getDataType(), expr + " state buffer after steps");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void parametersAreIndependent(String expr, DataType type) {
        Compute.start(new Compute.Threads(1, 1));
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> together = params(m, type);
            List<NDArray> first = List.of(params(m, type).get(0));
            List<NDArray> second = List.of(params(m, type).get(1));
            run(opt, together, m);
            run(opt, first, m);
            run(opt, second, m);
            assertArrays(
                    values(List.of(first.get(0), second.get(0))),
                    values(together),
                    expr + ": two parameters together differ from each alone");
        }
    }

    private static void run(GradientTransform opt, List<NDArray> params, NDManager m) {
        TransformState state = opt.init(params, m);
        for (int step = 0; step < STEPS; step++) {
            NDArray[] updates = gradients(params);
            opt.update(updates, state, params);
            for (int i = 0; i < updates.length; i++) {
                params.get(i).addi(updates[i]);
            }
        }
    }

    /** A 2×3 matrix and a vector of 4, with mixed signs and scales. */
    private static List<NDArray> params(NDManager m, DataType type) {
        NDArray a =
                m.create(new double[] {1.0, -2.0, 0.5, 3.0, -0.75, 0.1}, new Shape(2, 3))
                        .toType(type, false);
        NDArray b = m.create(new double[] {0.3, -0.02, 4.0, -1.25}).toType(type, false);
        return List.of(a, b);
    }

    /** g = c·p + sin(p), with c growing along the flattened parameter. */
    private static NDArray[] gradients(List<NDArray> params) {
        NDArray[] g = new NDArray[params.size()];
        for (int i = 0; i < g.length; i++) {
            NDArray p = params.get(i);
            NDArray c =
                    p.getManager()
                            .arange(1f, (float) (p.size() + 1), 1f, p.getDataType())
                            .reshape(p.getShape())
                            .mul(0.5);
            g[i] = c.mul(p).add(p.sin());
        }
        return g;
    }

    private static double[][] values(List<NDArray> arrays) {
        double[][] v = new double[arrays.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = arrays.get(i).toType(DataType.FLOAT64, false).toDoubleArray();
        }
        return v;
    }

    private static void assertArrays(double[][] want, double[][] got, String message) {
        assertEquals(want.length, got.length, message);
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], got[i], 0.0, message + " (array " + i + ")");
        }
    }
}
