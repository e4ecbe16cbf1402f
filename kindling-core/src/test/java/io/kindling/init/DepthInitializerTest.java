package io.kindling.init;

import static io.kindling.init.InitTesting.context;
import static io.kindling.init.InitTesting.ksP;
import static io.kindling.init.InitTesting.toDoubles;
import static io.kindling.init.InitTesting.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import io.kindling.nn.ParamContext;
import io.kindling.nn.ResidualPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * noisy, scaled_residual, fixup, deepnorm and mup on hand-built contexts: the std() each reports
 * from its formula, and a KS test (p > 1e-4) of the sample against that Gaussian.
 */
class DepthInitializerTest {

    private static final Activation ID = Activation.IDENTITY;
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

    private static Initializer init(String expr) {
        return Initializers.REGISTRY.parse(expr);
    }

    /** The formula's std, and the sample passes KS against N(0, std²). */
    private static void assertGaussian(String expr, ParamContext ctx, double std) {
        Initializer init = init(expr);
        assertEquals(std, init.std(ctx), 1e-12, expr + " std() on " + ctx.name());
        Compute.seed(17);
        double[] x = toDoubles(init.sample(ctx, manager));
        double p = ksP(x, 0, std);
        assertTrue(p > 1e-4, expr + " on " + ctx.name() + ": KS p-value " + p);
        assertTrue(ksP(x, 0, std * 1.1) < 1e-4, expr + ": a 10% wider Gaussian must fail");
    }

    private static void assertAllZero(String expr, ParamContext ctx) {
        assertEquals(0.0, init(expr).std(ctx), expr + " std() on " + ctx.name());
        for (float v : init(expr).sample(ctx, manager).toFloatArray()) {
            assertEquals(0f, v, expr + " on " + ctx.name());
        }
    }

    // ---- noisy

    @Test
    void noisyZerosIsJustTheNoise() {
        assertGaussian("noisy(base=zeros, std=0.03)", weight(200, 150), 0.03);
    }

    @Test
    void noisyAddsIndependentNoiseToTheSameBaseSample() {
        ParamContext ctx = weight(120, 100);
        Compute.seed(5);
        double[] base = toDoubles(init("orthogonal").sample(ctx, manager));
        Compute.seed(5);
        double[] noisy = toDoubles(init("noisy(base=orthogonal, std=0.01)").sample(ctx, manager));
        double[] diff = new double[base.length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = noisy[i] - base[i];
        }
        double p = ksP(diff, 0, 0.01);
        assertTrue(p > 1e-4, "noise KS p-value " + p);
        assertEquals(
                Math.hypot(1 / Math.sqrt(120), 0.01),
                init("noisy(base=orthogonal, std=0.01)").std(ctx),
                1e-12);
    }

    @Test
    void noisyRelativeScalesTheNoiseByTheBaseStd() {
        double s = Math.hypot(0.2, 0.5 * 0.2);
        assertGaussian("noisy(base=normal(std=0.2), relative=0.5)", weight(200, 150), s);
        Noisy n = (Noisy) init("noisy(base=normal(std=0.2), relative=0.5)");
        assertEquals(0.1, n.noiseStd(weight(3, 3)), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noisy(base=zeros)", "noisy(base=zeros, std=0.1, relative=0.1)"})
    void noisyNeedsExactlyOneOfStdAndRelative(String expr) {
        ConfigException e = assertThrows(ConfigException.class, () -> init(expr));
        assertTrue(
                e.getMessage().contains("exactly one of std")
                        && e.getMessage().contains("relative"),
                e.getMessage());
    }

    @Test
    void noisyNeedsABaseAndReportsABadOne() {
        ConfigException missing = assertThrows(ConfigException.class, () -> init("noisy(std=0.1)"));
        assertTrue(missing.getMessage().contains("base"), missing.getMessage());
        ConfigException unknown =
                assertThrows(ConfigException.class, () -> init("noisy(base=orthogonl, std=0.1)"));
        assertTrue(unknown.getMessage().contains("did you mean orthogonal"), unknown.getMessage());
    }

    // ---- scaled_residual

    @Test
    void scaledResidualDividesBranchOutputsBySqrtTwoN() {
        ParamContext proj =
                context(
                        "h.3.attn.c_proj.weight",
                        ID,
                        8,
                        50,
                        new ResidualPosition(12, 2, 2),
                        1,
                        256,
                        512);
        assertGaussian("scaled_residual", proj, 0.02 / Math.sqrt(24));
        ParamContext fc =
                context(
                        "h.3.mlp.c_fc.weight",
                        Activation.RELU,
                        7,
                        50,
                        new ResidualPosition(12, 2, 1),
                        1,
                        512,
                        256);
        assertGaussian("scaled_residual", fc, 0.02);
        assertGaussian("scaled_residual", weight(300, 200), 0.02);
    }

    @Test
    void scaledResidualTakesAnExplicitFactorAndBase() {
        ParamContext proj =
                context("c_proj.weight", ID, 3, 5, new ResidualPosition(4, 1, 1), 1, 200, 300);
        assertGaussian("scaled_residual(factor=4)", proj, 0.005);
        assertGaussian(
                "scaled_residual(base=xavier_normal)", proj, Math.sqrt(2.0 / 500) / Math.sqrt(8));
    }

    @Test
    void scaledResidualRejectsANonPositiveFactor() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> init("scaled_residual(factor=0)"));
        assertTrue(
                e.getMessage().contains("factor=0") && e.getMessage().contains("> 0"),
                e.getMessage());
        ConfigException word =
                assertThrows(ConfigException.class, () -> init("scaled_residual(factor=big)"));
        assertTrue(word.getMessage().contains("auto"), word.getMessage());
    }

    // ---- fixup

    @Test
    void fixupZeroesBranchEndsAndTheClassifierExactly() {
        assertAllZero(
                "fixup",
                context(
                        "block3.conv3.weight",
                        ID,
                        10,
                        50,
                        new ResidualPosition(16, 3, 3),
                        1,
                        64,
                        16,
                        1,
                        1));
        assertAllZero("fixup", context("fc.weight", ID, 50, 50, null, 1, 10, 256));
    }

    @Test
    void fixupScalesInnerBranchLayersByLToTheMinusOneOverTwoMMinusTwo() {
        double he = Math.sqrt(2) / Math.sqrt(16 * 9);
        double scale = Math.pow(16, -1.0 / 4); // L = 16, m = 3: 16^(-1/4) = 1/2
        assertEquals(0.5, scale, 1e-15);
        for (int position = 1; position <= 2; position++) {
            ParamContext ctx =
                    context(
                            "block3.conv" + position + ".weight",
                            Activation.RELU,
                            9,
                            50,
                            new ResidualPosition(16, 3, position),
                            1,
                            64,
                            16,
                            3,
                            3);
            assertGaussian("fixup", ctx, he * scale);
        }
        ParamContext twoLayer =
                context(
                        "block.conv1.weight",
                        Activation.RELU,
                        2,
                        20,
                        new ResidualPosition(54, 2, 1),
                        1,
                        128,
                        64,
                        3,
                        3);
        assertGaussian("fixup", twoLayer, Math.sqrt(2.0 / (64 * 9)) / Math.sqrt(54));
    }

    @Test
    void fixupLeavesTheStemToTheBase() {
        ParamContext stem = context("stem.weight", Activation.RELU, 1, 50, null, 1, 64, 3, 7, 7);
        assertGaussian("fixup", stem, Math.sqrt(2.0 / (3 * 49)));
        assertGaussian("fixup(base=normal(std=0.1))", stem, 0.1);
    }

    // ---- deepnorm

    @Test
    void deepnormGivesBetaToFfnValueAndOutputAndOneToQueryAndKey() {
        ResidualPosition branch = new ResidualPosition(6, 2, 1);
        double xavier = Math.sqrt(2.0 / (256 + 1024));
        double beta = Math.pow(8 * 6, -0.25);
        assertGaussian(
                "deepnorm",
                context("layers.2.ffn.fc1.weight", Activation.RELU, 5, 30, branch, 1, 1024, 256),
                xavier * beta);
        double square = Math.sqrt(2.0 / 512);
        assertGaussian(
                "deepnorm",
                context("layers.2.attn.v_proj.weight", ID, 4, 30, branch, 1, 256, 256),
                square * beta);
        assertGaussian(
                "deepnorm",
                context("layers.2.attn.q_proj.weight", ID, 4, 30, branch, 1, 256, 256),
                square);
        assertGaussian(
                "deepnorm",
                context("layers.2.attention.key.weight", ID, 4, 30, branch, 1, 256, 256),
                square);
    }

    @Test
    void deepnormEncoderDecoderUsesEachStacksBeta() {
        String expr = "deepnorm(arch=encoder_decoder, n=12, m=6)";
        DeepNorm d = (DeepNorm) init(expr);
        ParamContext enc = context("encoder.layers.0.ffn.fc2.weight", ID, 2, 40, null, 1, 256, 256);
        ParamContext dec = context("decoder.layers.0.ffn.fc2.weight", ID, 2, 40, null, 1, 256, 256);
        double square = Math.sqrt(2.0 / 512);
        assertGaussian(expr, enc, square * 0.87 * Math.pow(Math.pow(12, 4) * 6, -1.0 / 16));
        assertGaussian(expr, dec, square * Math.pow(12 * 6, -0.25));
        assertEquals(0.81 * Math.pow(Math.pow(12, 4) * 6, 1.0 / 16), d.alpha(enc), 1e-12);
        assertEquals(Math.pow(3 * 6, 0.25), d.alpha(dec), 1e-12);
    }

    @Test
    void deepnormAutoDepthFallsBackToTotalDepthOutsideBranches() {
        DeepNorm d = (DeepNorm) init("deepnorm(arch=decoder)");
        ParamContext ctx = context("ffn.weight", ID, 2, 24, null, 1, 8, 8);
        assertEquals(Math.pow(8 * 24, -0.25), d.beta(ctx), 1e-15);
        assertEquals(Math.pow(2 * 24, 0.25), d.alpha(ctx), 1e-15);
        assertEquals(
                Math.pow(8 * 100, -0.25), ((DeepNorm) init("deepnorm(n=100)")).beta(ctx), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "deepnorm(arch=encoder_decoder)",
                "deepnorm(arch=encoder_decoder, n=6)",
                "deepnorm(arch=encoder, m=6)",
                "deepnorm(n=0)",
                "deepnorm(arch=both)"
            })
    void deepnormRefusesInconsistentDepths(String expr) {
        ConfigException e = assertThrows(ConfigException.class, () -> init(expr));
        assertTrue(e.getMessage().contains("deepnorm"), e.getMessage());
    }

    // ---- mup

    @Test
    void mupScalesOnlyTheOutputLayerByOneOverSqrtWidthMultiplier() {
        double wm = 4;
        ParamContext input = context("layer1.weight", Activation.RELU, 1, 3, null, wm, 1024, 784);
        ParamContext hidden = context("layer2.weight", Activation.RELU, 2, 3, null, wm, 1024, 1024);
        ParamContext output = context("layer3.weight", ID, 3, 3, null, wm, 10, 1024);
        assertGaussian("mup", input, Math.sqrt(2.0 / 784));
        assertGaussian("mup", hidden, Math.sqrt(2.0 / 1024));
        assertGaussian("mup", output, 1 / Math.sqrt(1024) / Math.sqrt(wm));
        // Table 3: output variance = base_fan_in / fan_in² (256 = 1024 / 4).
        assertEquals(Math.sqrt(256.0) / 1024, init("mup").std(output), 1e-15);
    }

    @Test
    void mupBaseWidthOverridesTheContextsMultiplier() {
        ParamContext output = context("head.weight", ID, 3, 3, null, 1, 10, 1024);
        assertGaussian("mup(base_width=64)", output, 1 / Math.sqrt(1024) / Math.sqrt(16));
        assertGaussian("mup(base=normal(std=0.05))", output, 0.05);
    }

    @Test
    void mupAtTheBaseWidthIsTheBase() {
        for (int depth = 1; depth <= 3; depth++) {
            ParamContext ctx = context("l" + depth, Activation.RELU, depth, 3, null, 1, 64, 64);
            assertEquals(Math.sqrt(2.0 / 64), init("mup").std(ctx), 1e-15);
        }
    }

    @Test
    void autoBaseIsHeForTheFollowingActivation() {
        ParamContext tanh = context("w", new Activation("tanh", 0), 1, 3, null, 1, 50, 40);
        assertEquals(5.0 / 3 / Math.sqrt(40), init("fixup").std(tanh), 1e-15);
        assertEquals(5.0 / 3 / Math.sqrt(40), init("noisy(base=auto, std=0)").std(tanh), 1e-15);
    }

    @Test
    void densitiesAreTheBaseDensityScaledLikeTheSamples() {
        ParamContext proj =
                context("c_proj.weight", ID, 3, 5, new ResidualPosition(12, 2, 2), 1, 200, 300);
        double std = 0.02 / Math.sqrt(24);
        for (double x : new double[] {0, 0.001, -0.004, 0.01}) {
            double want = Math.exp(-0.5 * (x / std) * (x / std)) / (std * Math.sqrt(2 * Math.PI));
            assertEquals(
                    want,
                    init("scaled_residual").density(proj).orElseThrow().applyAsDouble(x),
                    want * 1e-12);
        }
        assertTrue(init("fixup").density(proj).isEmpty(), "fixup zeroes a branch end");
        ParamContext output = context("head.weight", ID, 3, 3, null, 4, 10, 1024);
        assertEquals(
                init("normal(std=0.015625)").density(output).orElseThrow().applyAsDouble(0.01),
                init("mup").density(output).orElseThrow().applyAsDouble(0.01),
                1e-9);
        assertEquals(
                init("normal(std=0.05)").density(output).orElseThrow().applyAsDouble(0.02),
                init("noisy(base=zeros, std=0.05)")
                        .density(output)
                        .orElseThrow()
                        .applyAsDouble(0.02),
                1e-12);
        assertTrue(init("noisy(base=orthogonal, std=0.05)").density(output).isEmpty());
    }
}
