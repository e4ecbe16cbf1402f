package io.kindling.init;

import static io.kindling.init.InitTesting.gram;
import static io.kindling.init.InitTesting.maxDeviationFromScaledIdentity;
import static io.kindling.init.InitTesting.rms;
import static io.kindling.init.InitTesting.toDoubles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import io.kindling.nn.ParamContext;
import io.kindling.nn.ResidualPosition;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kindling against {@code torch.nn.init}, from the fixture that {@code
 * tools/reference/structured_reference.py} writes. DJL's PyTorch engine draws the same normal and
 * permutation streams as PyTorch for the same seed, so orthogonal and sparse tensors are compared
 * value by value (1e-5: PyTorch's QR runs in float32); the rest compares statistics and the papers'
 * formulas.
 */
class StructuredMatchesTorchTest {

    private static JsonNode ref;
    private static NDManager manager;

    @BeforeAll
    static void start() throws IOException {
        ref = reference();
        Compute.start(new Compute.Threads(1, 1));
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static JsonNode reference() throws IOException {
        try (InputStream in =
                StructuredMatchesTorchTest.class.getResourceAsStream(
                        "/reference/structured_torch.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Named<JsonNode>> cases(String key) throws IOException {
        List<Named<JsonNode>> out = new ArrayList<>();
        for (JsonNode c : reference().get(key)) {
            String label =
                    "shape "
                            + c.get("shape")
                            + ", seed "
                            + c.get("seed")
                            + (c.has("sparsity") ? ", sparsity " + c.get("sparsity") : "");
            out.add(Named.of(label, c));
        }
        return out.stream();
    }

    static Stream<Named<JsonNode>> orthogonalExact() throws IOException {
        return cases("orthogonal_exact");
    }

    static Stream<Named<JsonNode>> orthogonalStats() throws IOException {
        return cases("orthogonal_stats");
    }

    static Stream<Named<JsonNode>> sparse() throws IOException {
        return cases("sparse");
    }

    private static long[] shape(JsonNode c) {
        long[] s = new long[c.get("shape").size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = c.get("shape").get(i).asLong();
        }
        return s;
    }

    private static double[] draw(String expr, JsonNode c) {
        Compute.seed(c.get("seed").asLong());
        return toDoubles(
                Initializers.REGISTRY.parse(expr).sample(InitTesting.weight(shape(c)), manager));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orthogonalExact")
    void orthogonalEqualsTorchForTheSameSeed(JsonNode c) {
        double[] got = draw("orthogonal(gain=" + c.get("gain").asDouble() + ")", c);
        JsonNode want = c.get("values");
        assertEquals(want.size(), got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(
                    want.get(i).asDouble(), got[i], 1e-5, "entry " + i + " of " + c.get("shape"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orthogonalStats")
    void orthogonalIsAsOrthogonalAsTorchWithTheSameEntryScale(JsonNode c) {
        long[] s = shape(c);
        int rows = (int) s[0];
        double[] w = draw("orthogonal(gain=" + c.get("gain").asDouble() + ")", c);
        int cols = w.length / rows;
        double gain = c.get("gain").asDouble();
        double error = maxDeviationFromScaledIdentity(gram(w, rows, cols), gain * gain);
        assertEquals(c.get("gram_side").asText(), rows >= cols ? "WtW" : "WWt");
        assertTrue(error < 1e-5, "Kindling " + error + ", torch " + c.get("gram_max_error"));
        assertTrue(c.get("gram_max_error").asDouble() < 1e-5);
        assertEquals(c.get("expected_rms").asDouble(), rms(w), 1e-6);
        assertEquals(c.get("entry_rms").asDouble(), rms(w), 1e-6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sparse")
    void sparseHasTorchsZeroCountPerColumn(JsonNode c) {
        String expr =
                "sparse(sparsity="
                        + c.get("sparsity").asDouble()
                        + ", std="
                        + c.get("std").asDouble()
                        + ")";
        double[] got = draw(expr, c);
        int rows = (int) shape(c)[0];
        int cols = (int) shape(c)[1];
        JsonNode zeros = c.get("zeros_per_column");
        for (int col = 0; col < cols; col++) {
            int count = 0;
            for (int r = 0; r < rows; r++) {
                count += got[r * cols + col] == 0 ? 1 : 0;
            }
            assertEquals(zeros.get(col).asInt(), count, "zeros in column " + col);
        }
        assertEquals(
                c.get("ceil").asInt(),
                ((Sparse) Initializers.REGISTRY.parse(expr)).zerosPerColumn(rows));
        if (c.has("values")) {
            for (int i = 0; i < got.length; i++) {
                assertEquals(c.get("values").get(i).asDouble(), got[i], 1e-7, "entry " + i);
            }
        }
    }

    @Test
    void identityEqualsTorchEye() {
        for (JsonNode c : ref.get("eye")) {
            int n = c.get("n").asInt();
            float[] got =
                    Initializers.REGISTRY
                            .parse("identity(scale=" + c.get("scale").asDouble() + ")")
                            .sample(InitTesting.weight(n, n), manager)
                            .toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(c.get("values").get(i).asDouble(), got[i], 0.0);
            }
        }
    }

    @Test
    void scaledResidualMatchesNanoGptsStd() {
        for (JsonNode c : ref.get("gpt2_scaled_std")) {
            int n = c.get("n_layer").asInt();
            ParamContext proj =
                    InitTesting.context(
                            "c_proj.weight",
                            Activation.IDENTITY,
                            2,
                            3,
                            new ResidualPosition(n, 2, 2),
                            1,
                            64,
                            256);
            assertEquals(
                    c.get("std").asDouble(),
                    Initializers.REGISTRY.parse("scaled_residual").std(proj),
                    1e-15);
        }
    }

    @Test
    void fixupScaleMatchesThePaper() {
        for (JsonNode c : ref.get("fixup_scale")) {
            ParamContext inner =
                    InitTesting.context(
                            "conv1.weight",
                            Activation.RELU,
                            2,
                            9,
                            new ResidualPosition(c.get("L").asInt(), c.get("m").asInt(), 1),
                            1,
                            8,
                            8);
            assertEquals(c.get("scale").asDouble(), Fixup.scale(inner), 1e-14);
        }
    }

    @Test
    void deepnormAlphaAndBetaMatchTheTable() {
        for (JsonNode c : ref.get("deepnet")) {
            int n = c.get("n").asInt();
            int m = c.get("m").asInt();
            ParamContext any =
                    InitTesting.context("ffn.weight", Activation.IDENTITY, 1, 2, null, 1, 8, 8);
            ParamContext enc =
                    InitTesting.context(
                            "encoder.ffn.weight", Activation.IDENTITY, 1, 2, null, 1, 8, 8);
            ParamContext dec =
                    InitTesting.context(
                            "decoder.ffn.weight", Activation.IDENTITY, 1, 2, null, 1, 8, 8);
            check(c.get("encoder_only"), "deepnorm(arch=encoder, n=" + n + ")", any);
            check(c.get("decoder_only"), "deepnorm(arch=decoder, m=" + m + ")", any);
            String both = "deepnorm(arch=encoder_decoder, n=" + n + ", m=" + m + ")";
            check(c.get("encoder_decoder_encoder"), both, enc);
            check(c.get("encoder_decoder_decoder"), both, dec);
        }
    }

    private static void check(JsonNode want, String expr, ParamContext ctx) {
        DeepNorm d = (DeepNorm) Initializers.REGISTRY.parse(expr);
        assertEquals(want.get("alpha").asDouble(), d.alpha(ctx), 1e-12, expr + " alpha");
        assertEquals(want.get("beta").asDouble(), d.beta(ctx), 1e-12, expr + " beta");
    }

    @Test
    void mupOutputStdMatchesTable3() {
        for (JsonNode c : ref.get("mup_output_std")) {
            int fanIn = c.get("fan_in").asInt();
            ParamContext out =
                    InitTesting.context(
                            "head.weight", Activation.IDENTITY, 3, 3, null, 1, 10, fanIn);
            assertEquals(
                    c.get("std").asDouble(),
                    Initializers.REGISTRY
                            .parse("mup(base_width=" + c.get("base_fan_in").asInt() + ")")
                            .std(out),
                    1e-15);
        }
    }
}
