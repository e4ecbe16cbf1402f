package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transform of {@link TransformLibrary}: registered with a summary, printed with every
 * argument spelled out and parsed back equal, bad arguments refused with the value named, and the
 * update contract (incoming update arrays are never modified) kept.
 */
class TransformRegistryTest {

    static final List<String> NAMES =
            List.of(
                    "chain",
                    "scale",
                    "trace",
                    "add_weight_decay",
                    "add_decayed_weights",
                    "l1",
                    "clip",
                    "clip_by_value",
                    "clip_by_norm",
                    "clip_by_global_norm",
                    "adaptive_clip",
                    "add_noise",
                    "sign",
                    "scale_by_trust_ratio",
                    "lars",
                    "lamb",
                    "lion");

    /** One expression per name, each valid. */
    static final List<String> EXAMPLES =
            List.of(
                    "chain(transforms=[clip_by_global_norm(max_norm=1), sgd(lr=0.1, momentum=0.9)])",
                    "scale(factor=-0.01)",
                    "trace(momentum=0.9)",
                    "add_weight_decay(weight_decay=1e-4)",
                    "add_decayed_weights(weight_decay=0.01)",
                    "l1(weight_decay=1e-5)",
                    "clip(value=1)",
                    "clip_by_value(min=-0.5, max=2)",
                    "clip_by_norm(max_norm=1)",
                    "clip_by_global_norm(max_norm=1.0)",
                    "adaptive_clip",
                    "add_noise",
                    "sign",
                    "scale_by_trust_ratio",
                    "lars(lr=0.5)",
                    "lamb",
                    "lion");

    @Test
    void everyNameIsRegisteredWithASummary() {
        for (String name : NAMES) {
            assertTrue(Optimizers.REGISTRY.contains(name), name);
            assertFalse(Optimizers.REGISTRY.summary(name).isBlank(), name);
        }
        for (String name : NAMES) {
            assertTrue(EXAMPLES.stream().anyMatch(e -> e.startsWith(name)), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "chain(transforms=[clip_by_global_norm(max_norm=1), sgd(lr=0.1, momentum=0.9)])",
                "chain(transforms=[adaptive_clip, chain(transforms=[sign, scale(factor=-1e-3)])])",
                "chain(transforms=sgd(lr=0.1))",
                "chain(transforms=[lion, add_noise(eta=1, gamma=0)])",
                "scale(factor=-0.01)",
                "scale(factor=0)",
                "scale(factor=2.5e-7)",
                "trace(momentum=0.9)",
                "trace(momentum=0.8, dampening=0.1)",
                "trace(momentum=0.5, nesterov=true)",
                "add_weight_decay(weight_decay=1e-4)",
                "add_weight_decay(weight_decay=0)",
                "add_decayed_weights(weight_decay=0.01)",
                "l1(weight_decay=1e-5)",
                "clip(value=1)",
                "clip(value=0)",
                "clip_by_value(min=-0.5, max=2)",
                "clip_by_value(min=1, max=1)",
                "clip_by_norm(max_norm=1)",
                "clip_by_global_norm(max_norm=1.0)",
                "clip_by_global_norm(max_norm=1e3)",
                "adaptive_clip",
                "adaptive_clip(clipping=0.16, eps=1e-2)",
                "add_noise",
                "add_noise(eta=0.3, gamma=0.55)",
                "add_noise(eta=1)",
                "sign",
                "scale_by_trust_ratio",
                "lars(lr=0.5)",
                "lars(lr=1, momentum=0, weight_decay=5e-4, eta=0.02)",
                "lamb",
                "lamb(lr=0.002, beta1=0.8, beta2=0.99, eps=1e-8, weight_decay=0.01)",
                "lion",
                "lion(lr=3e-5, beta1=0.95, beta2=0.98, weight_decay=1)",
                "lion(beta1=0, beta2=1)",
            })
    void parsePrintParseGivesAnEqualTransform(String expr) {
        GradientTransform x = Optimizers.REGISTRY.parse(expr);
        GradientTransform again = Optimizers.REGISTRY.parse(x.print());
        assertEquals(x, again, expr + " printed as " + x.print());
        assertEquals(x.print(), again.print(), "the printed form is canonical");
    }

    @Test
    void defaultsAreSpelledOut() {
        assertEquals("adaptive_clip(clipping=0.01, eps=0.001)", print("adaptive_clip"));
        assertEquals("add_noise(eta=0.01, gamma=0.55)", print("add_noise"));
        assertEquals(
                "lars(lr=0.5, momentum=0.9, weight_decay=0, eta=0.001)", print("lars(lr=0.5)"));
        assertEquals(
                "lamb(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0)", print("lamb"));
        assertEquals("lion(lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0)", print("lion"));
        assertEquals(
                "trace(momentum=0.9, dampening=0, nesterov=false)", print("trace(momentum=0.9)"));
        assertEquals("sign", print("sign"));
        assertEquals(
                "chain(transforms=[sgd(lr=0.1, momentum=0, dampening=0, nesterov=false,"
                        + " weight_decay=0)])",
                print("chain(transforms=sgd(lr=0.1))"));
    }

    @Test
    void chainBuildsItsLinksInOrder() {
        GradientTransform t =
                Optimizers.REGISTRY.parse(
                        "chain(transforms=[clip_by_global_norm(max_norm=1.0), sgd(lr=0.1)])");
        Chain c = assertInstanceOf(Chain.class, t);
        assertEquals(new ClipByGlobalNorm(1.0), c.transforms().get(0));
        assertEquals(new Sgd(0.1, 0, 0, false, 0), c.transforms().get(1));
    }

    @Test
    void chainWithAdamwFromTheReadme() {
        Assumptions.assumeTrue(Optimizers.REGISTRY.contains("adamw"), "adamw not registered");
        GradientTransform t =
                Optimizers.REGISTRY.parse(
                        "chain(transforms=["
                                + "clip_by_global_norm(max_norm=1.0), adamw(lr=3e-4, weight_decay=0.1)])");
        assertEquals(t, Optimizers.REGISTRY.parse(t.print()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "scale(factor=abc)|factor=abc",
                "scale|Missing argument 'factor'",
                "trace(momentum=-0.1)|momentum=-0.1",
                "trace(momentum=0.9, dampening=2)|dampening=2",
                "trace(momentum=0, nesterov=true)|nesterov=true",
                "trace(momentum=0.9, dampening=0.1, nesterov=true)|nesterov=true",
                "add_weight_decay(weight_decay=-1)|weight_decay=-1",
                "add_decayed_weights(weight_decay=-0.5)|weight_decay=-0.5",
                "add_decayed_weights|Missing argument 'weight_decay'",
                "l1(weight_decay=-2e-3)|weight_decay=-2e-3",
                "clip(value=-1)|value=-1",
                "clip(value=true)|value=true",
                "clip_by_value(min=1, max=0.5)|max=0.5",
                "clip_by_value(min=1)|Missing argument 'max'",
                "clip_by_norm(max_norm=0)|max_norm=0",
                "clip_by_norm(max_norm=-3)|max_norm=-3",
                "clip_by_global_norm(max_norm=-1.5)|max_norm=-1.5",
                "clip_by_global_norm(maxnorm=1)|max_norm",
                "adaptive_clip(clipping=0)|clipping=0",
                "adaptive_clip(eps=-1e-3)|eps=-1e-3",
                "add_noise(eta=-0.01)|eta=-0.01",
                "add_noise(gamma=-1)|gamma=-1",
                "sign(x=1)|sign takes no arguments",
                "lars|Missing argument 'lr'",
                "lars(lr=-1)|lr=-1",
                "lars(lr=1, momentum=-0.9)|momentum=-0.9",
                "lars(lr=1, weight_decay=-1)|weight_decay=-1",
                "lars(lr=1, eta=0)|eta=0",
                "lamb(lr=-1e-3)|lr=-1e-3",
                "lamb(beta1=1)|beta1=1",
                "lamb(beta2=1.5)|beta2=1.5",
                "lamb(eps=0)|eps=0",
                "lamb(weight_decay=-0.01)|weight_decay=-0.01",
                "lion(lr=-1)|lr=-1",
                "lion(beta1=1.1)|beta1=1.1",
                "lion(beta2=-0.1)|beta2=-0.1",
                "lion(weight_decay=-1)|weight_decay=-1",
                "chain|transforms",
                "chain(transforms=[])|transforms=[]",
                "chain(transforms=[1])|got 1",
                "chain(transforms=[sgd(lr=-1)])|lr=-1",
                "chain(transforms=[clip_by_norm(max_norm=1), lion(beta1=7)])|beta1=7",
                "chain(transforms=[clip_by_nrom(max_norm=1)])|clip_by_norm",
            })
    void badArgumentsNameTheValue(String expr, String named) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Optimizers.REGISTRY.parse(expr));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    /**
     * The contract: no transform modifies an incoming update array in place (it may be another
     * transform's state), and stateful ones keep their buffer objects.
     */
    @Test
    void incomingUpdatesAreNeverModified() {
        Compute.start(new Compute.Threads(1, 1));
        for (String expr : EXAMPLES) {
            for (DataType type : List.of(DataType.FLOAT64, DataType.FLOAT32)) {
                GradientTransform t = Optimizers.REGISTRY.parse(expr);
                try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                    List<NDArray> params =
                            List.of(
                                    m.randomNormal(0, 1, new Shape(4, 5), type),
                                    m.randomNormal(0, 1, new Shape(5), type),
                                    m.zeros(new Shape(2, 3, 2), type));
                    TransformState state = t.init(params, m);
                    List<NDArray> buffers = new ArrayList<>(state.allArrays());
                    for (int step = 0; step < 3; step++) {
                        NDArray[] incoming = new NDArray[params.size()];
                        double[][] before = new double[params.size()][];
                        for (int i = 0; i < incoming.length; i++) {
                            incoming[i] = m.randomNormal(0, 2, params.get(i).getShape(), type);
                            before[i] = incoming[i].toType(DataType.FLOAT64, true).toDoubleArray();
                        }
                        NDArray[] updates = incoming.clone();
                        t.update(updates, state, params);
                        for (int i = 0; i < incoming.length; i++) {
                            assertArrayEquals(
                                    before[i],
                                    incoming[i].toType(DataType.FLOAT64, true).toDoubleArray(),
                                    0,
                                    expr + " modified update " + i);
                            assertNotSame(incoming[i], updates[i], expr);
                            assertEquals(type, updates[i].getDataType(), expr);
                            assertEquals(params.get(i).getShape(), updates[i].getShape(), expr);
                        }
                    }
                    List<NDArray> after = state.allArrays();
                    assertEquals(buffers.size(), after.size(), expr);
                    for (int i = 0; i < buffers.size(); i++) {
                        assertSame(buffers.get(i), after.get(i), expr);
                    }
                }
            }
        }
    }

    private static String print(String expr) {
        return Optimizers.REGISTRY.parse(expr).print();
    }
}
