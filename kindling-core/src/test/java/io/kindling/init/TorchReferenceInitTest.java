package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import io.kindling.nn.ParamContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kindling against {@code torch.nn.init} (and the Keras variance-scaling formulas), as recorded by
 * {@code tools/reference/init_reference.py}: fans, std, bounds and σ to 1e-9; the mean and std of a
 * million-value torch sample within 5 standard errors of Kindling's; truncated normals also against
 * a million-value Kindling sample; eye_/dirac_ exactly.
 */
class TorchReferenceInitTest {

    private static final double FORMULA = 1e-9;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        Compute.start(new Compute.Threads(1, 1));
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static JsonNode reference() throws IOException {
        try (InputStream in =
                TorchReferenceInitTest.class.getResourceAsStream(
                        "/reference/init_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : reference().get("cases")) {
            out.add(
                    Arguments.of(
                            c.get("expr").asText(),
                            c.get("shape").toString(),
                            c.get("activation").asText(),
                            c));
        }
        return out.stream();
    }

    static Stream<Arguments> structures() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : reference().get("structures")) {
            out.add(Arguments.of(c.get("expr").asText(), c.get("shape").toString(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1} before {2} matches torch")
    @MethodSource("cases")
    void formulasAndSampleMomentsMatchTorch(
            String expr, String shapeText, String act, JsonNode ref) {
        ParamContext ctx = SampleChecks.weight(act, longs(ref.get("shape")));
        Initializer init = Initializers.REGISTRY.parse(expr);
        assertEquals(ref.get("fan_in").asLong(), ctx.fanIn(), "fan_in");
        assertEquals(ref.get("fan_out").asLong(), ctx.fanOut(), "fan_out");
        double std = init.std(ctx);
        assertEquals(ref.get("std").asDouble(), std, FORMULA, "std");
        double mean = ref.get("mean").asDouble();
        switch (ref.get("family").asText()) {
            case "uniform" ->
                    assertArrayEquals(
                            new double[] {ref.get("low").asDouble(), ref.get("high").asDouble()},
                            uniformBounds(init, ctx),
                            FORMULA,
                            "bounds");
            case "truncated_normal" -> {
                assertArrayEquals(
                        new double[] {
                            ref.get("sigma").asDouble(),
                            ref.get("low").asDouble(),
                            ref.get("high").asDouble()
                        },
                        truncation(init, ctx),
                        FORMULA,
                        "sigma, a, b");
                double kindlingMean = init instanceof TruncatedNormal t ? t.trueMean() : 0;
                assertEquals(mean, kindlingMean, FORMULA, "mean");
                compareWithKindlingSample(init, ctx, ref.get("sample"), std);
            }
            default -> assertEquals(mean, init instanceof Normal n ? n.mean() : 0, FORMULA, "mean");
        }
        JsonNode torch = ref.get("sample");
        double n = torch.get("n").asDouble();
        assertEquals(
                std, torch.get("std").asDouble(), 5 * std / Math.sqrt(2 * n), "torch sample std");
        assertEquals(
                mean, torch.get("mean").asDouble(), 5 * std / Math.sqrt(n), "torch sample mean");
    }

    @ParameterizedTest(name = "{0} on {1} equals torch exactly")
    @MethodSource("structures")
    void structuresEqualTorch(String expr, String shapeText, JsonNode ref) {
        ParamContext ctx = SampleChecks.weight("relu", longs(ref.get("shape")));
        float[] got = Initializers.REGISTRY.parse(expr).sample(ctx, manager).toFloatArray();
        JsonNode want = ref.get("values");
        assertEquals(want.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals((float) want.get(i).asDouble(), got[i], "element " + i);
        }
    }

    /** A million Kindling values with the case's fans: moments within 5 SE of torch's. */
    private static void compareWithKindlingSample(
            Initializer init, ParamContext ctx, JsonNode torch, double std) {
        ParamContext big =
                new ParamContext(
                        ctx.name(),
                        new Shape(1000, 1000),
                        ctx.layer(),
                        ctx.role(),
                        ctx.fanIn(),
                        ctx.fanOut(),
                        ctx.nonlinearity(),
                        1,
                        1,
                        null,
                        1.0,
                        io.kindling.nn.Tags.NONE);
        double[] x = SampleChecks.draw(init, big, manager);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += v;
            s2 += v * v;
        }
        double m = s1 / x.length;
        double s = Math.sqrt(s2 / x.length - m * m);
        double n = torch.get("n").asDouble();
        double se = std * Math.sqrt(1.0 / x.length + 1.0 / n);
        assertEquals(torch.get("mean").asDouble(), m, 5 * se, "Kindling vs torch sample mean");
        assertEquals(
                torch.get("std").asDouble(),
                s,
                5 * se / Math.sqrt(2),
                "Kindling vs torch sample std");
        assertTrue(torch.get("min").asDouble() >= truncation(init, ctx)[1] - 1e-6, "torch min");
    }

    private static double[] uniformBounds(Initializer init, ParamContext ctx) {
        if (init instanceof Uniform u) {
            return new double[] {u.a(), u.b()};
        }
        double b;
        if (init instanceof XavierUniform x) {
            b = x.bound(ctx);
        } else if (init instanceof KaimingUniform k) {
            b = k.bound(ctx);
        } else if (init instanceof LecunUniform l) {
            b = l.limit(ctx);
        } else {
            b = ((VarianceScaling) init).limit(ctx);
        }
        return new double[] {-b, b};
    }

    /** σ, a, b of a truncated normal initializer. */
    private static double[] truncation(Initializer init, ParamContext ctx) {
        if (init instanceof TruncatedNormal t) {
            return new double[] {t.stddev(), t.a(), t.b()};
        }
        VarianceScaling v =
                init instanceof LecunNormal l ? l.asVarianceScaling() : (VarianceScaling) init;
        double sigma = v.sigma(ctx);
        return new double[] {sigma, -2 * sigma, 2 * sigma};
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
