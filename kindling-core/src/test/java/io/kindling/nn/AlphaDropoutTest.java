package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alpha dropout (Klambauer et al. 2017) against the paper's formula, against
 * torch.nn.functional.alpha_dropout (tools/reference/alpha_dropout_reference.py), and its
 * self-normalizing property.
 */
class AlphaDropoutTest {

    /** −λ·α for SELU, written out here rather than taken from the class under test. */
    private static final double ALPHA_PRIME = -1.7580993408473766;

    private NDManager manager;
    private ParameterStore store;

    @BeforeEach
    void start() {
        Compute.start(Compute.Threads.defaults());
        manager = NDManager.newBaseManager();
        store = new ParameterStore(manager, false);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void withAGivenMaskEqualsThePaperFormula() {
        double p = 0.2;
        double[] x = {-2.5, -1.0, -0.25, 0.0, 0.5, 1.0, 3.0, 7.0};
        double[] m = {1, 0, 1, 1, 0, 0, 1, 0};
        double q = 1 - p;
        double a = Math.pow(q + ALPHA_PRIME * ALPHA_PRIME * q * p, -0.5);
        double b = -a * ALPHA_PRIME * p;
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = a * (m[i] * x[i] + (1 - m[i]) * ALPHA_PRIME) + b;
        }
        double[] got = AlphaDropout.apply(manager.create(x), manager.create(m), p).toDoubleArray();
        assertArrayEquals(expected, got, 1e-12);
        assertEquals(a, AlphaDropout.scale(p), 1e-15);
        assertEquals(b, AlphaDropout.shift(p), 1e-15);
        assertEquals(ALPHA_PRIME, AlphaDropout.ALPHA_PRIME, 1e-15);
    }

    @Test
    void withTorchsMaskEqualsTorchsAlphaDropout() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/alpha_dropout.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        NDArray x =
                manager.create(matrix(ref.get("input")))
                        .reshape(rows(ref.get("input")), cols(ref.get("input")));
        assertTrue(ref.get("cases").size() >= 3);
        for (JsonNode c : ref.get("cases")) {
            double p = c.get("p").asDouble();
            NDArray mask = manager.create(matrix(c.get("mask"))).reshape(x.getShape());
            double[] got = AlphaDropout.apply(x, mask, p).toDoubleArray();
            assertArrayEquals(matrix(c.get("output")), got, 1e-12, "p=" + p);
            assertEquals(c.get("a").asDouble(), AlphaDropout.scale(p), 1e-14, "a at p=" + p);
            assertEquals(c.get("b").asDouble(), AlphaDropout.shift(p), 1e-14, "b at p=" + p);
        }
    }

    @Test
    void keepsUnitGaussianInputAtMeanZeroAndVarianceOneWhereStandardDropoutDoesNot() {
        int n = 200_000;
        double p = 0.1;
        Compute.seed(20261124);
        NDArray x = manager.randomNormal(0, 1, new Shape(n), DataType.FLOAT64);
        double[] y =
                new AlphaDropout(p)
                        .forward(store, new NDList(x), true)
                        .singletonOrThrow()
                        .toDoubleArray();
        Moments out = Moments.of(y);
        // Five standard errors: SE(mean) = sd/√n, SE(var) = √((μ4 − σ⁴)/n).
        assertEquals(0, out.mean, 5 * out.meanSe(), "mean");
        assertEquals(1, out.var, 5 * out.varSe(), "variance");

        double[] standard = Dropout.dropout(x, (float) p, true).singletonOrThrow().toDoubleArray();
        Moments std = Moments.of(standard);
        // Inverted dropout keeps the mean but scales the variance to 1/q ≈ 1.11.
        assertEquals(1 / (1 - p), std.var, 5 * std.varSe(), "standard dropout variance");
        assertTrue(std.var - 1 > 20 * out.varSe(), "standard dropout variance " + std.var);

        double dropped = AlphaDropout.scale(p) * ALPHA_PRIME * (1 - p);
        long count = 0;
        for (double v : y) {
            if (Math.abs(v - dropped) < 1e-9) {
                count++;
            }
        }
        double fraction = count / (double) n;
        assertEquals(p, fraction, 5 * Math.sqrt(p * (1 - p) / n), "dropped fraction");
    }

    @Test
    void isTheExactIdentityInEvaluationAndAtRateZero() {
        Compute.seed(7);
        NDArray x = manager.randomNormal(0, 1, new Shape(64, 32), DataType.FLOAT32);
        float[] in = x.toFloatArray();
        float[] eval =
                new AlphaDropout(0.3)
                        .forward(store, new NDList(x), false)
                        .singletonOrThrow()
                        .toFloatArray();
        float[] rateZero =
                new AlphaDropout(0)
                        .forward(store, new NDList(x), true)
                        .singletonOrThrow()
                        .toFloatArray();
        assertArrayEquals(in, eval, 0f);
        assertArrayEquals(in, rateZero, 0f);
        float[] training =
                new AlphaDropout(0.3)
                        .forward(store, new NDList(x), true)
                        .singletonOrThrow()
                        .toFloatArray();
        assertFalse(Arrays.equals(in, training), "training mode must change x");
    }

    @Test
    void gradientWithAGivenMaskIsScaleTimesMask() {
        double p = 0.25;
        NDArray x = manager.create(new double[] {-1.5, -0.5, 0.0, 0.75, 2.0, 4.0});
        double[] m = {1, 0, 0, 1, 1, 0};
        NDArray mask = manager.create(m);
        x.setRequiresGradient(true);
        try (GradientCollector tape = Engine.getEngine("PyTorch").newGradientCollector()) {
            tape.backward(AlphaDropout.apply(x, mask, p).sum());
        }
        double a = Math.pow((1 - p) + ALPHA_PRIME * ALPHA_PRIME * (1 - p) * p, -0.5);
        double[] expected = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            expected[i] = a * m[i];
        }
        assertArrayEquals(expected, x.getGradient().toDoubleArray(), 1e-12);
    }

    @Test
    void gradientThroughTheBlockIsScaleWhereKeptAndZeroWhereDropped() {
        double p = 0.4;
        Compute.seed(11);
        NDArray x = manager.randomNormal(0, 1, new Shape(50, 40), DataType.FLOAT32);
        x.setRequiresGradient(true);
        float[] y;
        try (GradientCollector tape = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray out =
                    new AlphaDropout(p).forward(store, new NDList(x), true).singletonOrThrow();
            y = out.toFloatArray();
            tape.backward(out.sum());
        }
        float[] grad = x.getGradient().toFloatArray();
        double a = AlphaDropout.scale(p);
        double dropped = a * ALPHA_PRIME * (1 - p);
        int zeros = 0;
        for (int i = 0; i < grad.length; i++) {
            boolean wasDropped = grad[i] == 0f;
            zeros += wasDropped ? 1 : 0;
            if (!wasDropped) {
                assertEquals(a, grad[i], 1e-6, "gradient of a kept unit");
            } else {
                assertEquals(dropped, y[i], 1e-5, "output of a dropped unit");
            }
        }
        assertTrue(zeros > 0 && zeros < grad.length, "dropped " + zeros + " of " + grad.length);
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new AlphaDropout(bad));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void mlpWithAlphaDropoutTypeUsesAlphaDropoutAfterEveryHiddenActivation() {
        Model m =
                Models.REGISTRY
                        .parse(
                                "mlp(depth=3, width=16, activation=selu, dropout=0.05, dropout_type=alpha)")
                        .build(8, 3);
        List<Block> blocks = new ArrayList<>();
        ((SequentialBlock) m.block())
                .getChildren().stream().map(Pair::getValue).forEach(blocks::add);
        List<Block> alpha = blocks.stream().filter(b -> b instanceof AlphaDropout).toList();
        assertEquals(3, alpha.size());
        assertTrue(blocks.stream().noneMatch(b -> b instanceof Dropout));
        assertEquals(0.05, ((AlphaDropout) alpha.get(0)).rate());

        m.block().initialize(manager, DataType.FLOAT32, new Shape(4, 8));
        NDArray out =
                m.block()
                        .forward(store, new NDList(manager.ones(new Shape(4, 8))), true)
                        .singletonOrThrow();
        assertEquals(new Shape(4, 3), out.getShape());
    }

    @Test
    void mlpDropoutTypeRoundTripsAndTheDefaultIsNotPrinted() {
        ModelSpec alpha =
                Models.REGISTRY.parse(
                        "mlp(depth=3, width=256, activation=selu, dropout=0.05, dropout_type=alpha)");
        assertEquals(DropoutType.ALPHA, ((Mlp) alpha).dropoutType());
        assertTrue(alpha.print().contains("dropout_type=alpha"), alpha.print());
        assertEquals(alpha, Models.REGISTRY.parse(alpha.print()));

        ModelSpec standard = Models.REGISTRY.parse("mlp(depth=3, width=256, dropout=0.05)");
        assertEquals(DropoutType.STANDARD, ((Mlp) standard).dropoutType());
        assertFalse(standard.print().contains("dropout_type"), standard.print());
        assertEquals(
                standard,
                Models.REGISTRY.parse(
                        "mlp(depth=3, width=256, dropout=0.05, dropout_type=standard)"));
        assertEquals(standard, Models.REGISTRY.parse(standard.print()));
    }

    @Test
    void mlpRefusesAnUnknownDropoutTypeNamingTheAcceptedOnes() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Models.REGISTRY.parse("mlp(dropout=0.1, dropout_type=foo)"));
        String msg = e.getMessage();
        assertTrue(msg.contains("dropout_type") && msg.contains("foo"), msg);
        assertTrue(msg.contains("standard") && msg.contains("alpha"), msg);
        IllegalArgumentException direct =
                assertThrows(IllegalArgumentException.class, () -> DropoutType.parse("gaussian"));
        assertTrue(
                direct.getMessage().contains("gaussian") && direct.getMessage().contains("alpha"),
                direct.getMessage());
    }

    private record Moments(double mean, double var, double m4, int n) {
        static Moments of(double[] v) {
            double sum = 0;
            for (double d : v) {
                sum += d;
            }
            double mean = sum / v.length;
            double s2 = 0;
            double s4 = 0;
            for (double d : v) {
                double c = (d - mean) * (d - mean);
                s2 += c;
                s4 += c * c;
            }
            return new Moments(mean, s2 / v.length, s4 / v.length, v.length);
        }

        double meanSe() {
            return Math.sqrt(var / n);
        }

        double varSe() {
            return Math.sqrt((m4 - var * var) / n);
        }
    }

    private static double[] matrix(JsonNode rows) {
        List<Double> out = new ArrayList<>();
        for (JsonNode row : rows) {
            for (JsonNode v : row) {
                out.add(v.asDouble());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int rows(JsonNode m) {
        return m.size();
    }

    private static int cols(JsonNode m) {
        return m.get(0).size();
    }
}
