package io.kindling.init;

import static io.kindling.init.InitTesting.gram;
import static io.kindling.init.InitTesting.ksP;
import static io.kindling.init.InitTesting.maxDeviationFromScaledIdentity;
import static io.kindling.init.InitTesting.rms;
import static io.kindling.init.InitTesting.toDoubles;
import static io.kindling.init.InitTesting.weight;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** orthogonal, delta_orthogonal, sparse and identity: structure exactly, values statistically. */
class StructuredInitializerTest {

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

    private static long[] dims(String text) {
        return Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static double[] draw(String expr, long seed, long... shape) {
        Compute.seed(seed);
        return toDoubles(Initializers.REGISTRY.parse(expr).sample(weight(shape), manager));
    }

    @ParameterizedTest(name = "gain {1} on {0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "60,40; 2",
                "40,60; 1",
                "50,50; 1",
                "16,8,3,3; 1.5",
                "8,16,3,3; 1",
                "7,3,5; 0.5"
            })
    void orthogonalGramMatrixIsGainSquaredTimesIdentity(String shapeText, double gain) {
        long[] shape = dims(shapeText);
        int rows = (int) shape[0];
        int cols = (int) (Arrays.stream(shape).reduce(1, (a, b) -> a * b) / rows);
        double[] w = draw("orthogonal(gain=" + gain + ")", 3, shape);
        double error = maxDeviationFromScaledIdentity(gram(w, rows, cols), gain * gain);
        assertTrue(error < 1e-5, "max |gram - gain²I| = " + error);
        assertEquals(gain / Math.sqrt(Math.max(rows, cols)), rms(w), 1e-6, "entry RMS");
        assertEquals(
                rms(w),
                Initializers.REGISTRY.parse("orthogonal(gain=" + gain + ")").std(weight(shape)),
                1e-6,
                "std() is the entries' RMS");
    }

    @Test
    void largeOrthogonalMatrixEntriesAreCloseToGaussianWithVarianceOneOverN() {
        int n = 400;
        double[] w = draw("orthogonal", 11, n, n);
        double[] scaled = Arrays.stream(w).map(v -> v * Math.sqrt(n)).toArray();
        double p = ksP(scaled, 0, 1);
        assertTrue(p > 1e-4, "KS p-value of √n·q_ij against N(0, 1): " + p);
        assertTrue(ksP(scaled, 0, 1.05) < 1e-4, "a 5% wider Gaussian must fail the same test");
    }

    @Test
    void orthogonalFirstEntryIsSymmetricAsTheSignFixMakesItHaar() {
        // Householder QR without the sign fix makes every q_11 the same sign.
        int positive = 0;
        int draws = 400;
        Compute.seed(5);
        Initializer init = Initializers.REGISTRY.parse("orthogonal");
        for (int i = 0; i < draws; i++) {
            if (init.sample(weight(6, 3), manager).toFloatArray()[0] > 0) {
                positive++;
            }
        }
        assertEquals(draws / 2.0, positive, 5 * Math.sqrt(draws / 4.0), "positive q_11 count");
    }

    @Test
    void orthogonalWithTheSameSeedGivesTheSameMatrix() {
        assertArrayEquals(draw("orthogonal", 42, 30, 20), draw("orthogonal", 42, 30, 20));
        assertFalse(Arrays.equals(draw("orthogonal", 42, 30, 20), draw("orthogonal", 43, 30, 20)));
    }

    @Test
    void orthogonalGainAutoUsesTheFollowingActivation() {
        double[] w = draw("orthogonal(gain=auto)", 1, 20, 20);
        double error = maxDeviationFromScaledIdentity(gram(w, 20, 20), 2.0);
        assertTrue(error < 1e-5, "ReLU follows, so gain √2: " + error);
    }

    @Test
    void orthogonalRefusesAVectorAndNamesItsShape() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Initializers.REGISTRY
                                        .parse("orthogonal")
                                        .sample(
                                                InitTesting.context(
                                                        "fc.bias",
                                                        Activation.RELU,
                                                        1,
                                                        1,
                                                        null,
                                                        1,
                                                        10),
                                                manager));
        assertTrue(
                e.getMessage().contains("(10)")
                        && e.getMessage().contains("fc.bias")
                        && e.getMessage().contains("rank >= 2"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {"16,8,3,3", "8,8,5", "6,4,3,3,3", "4,4,2,2", "5,2,1,1"})
    void deltaOrthogonalIsZeroExceptAnOrthogonalCentreTap(String shapeText) {
        long[] shape = dims(shapeText);
        int out = (int) shape[0];
        int in = (int) shape[1];
        int taps = 1;
        int centre = 0;
        for (int d = 2; d < shape.length; d++) {
            taps *= (int) shape[d];
            centre = centre * (int) shape[d] + (int) shape[d] / 2;
        }
        double gain = 1.5;
        double[] w = draw("delta_orthogonal(gain=1.5)", 9, shape);
        double[] h = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int t = 0; t < taps; t++) {
                    double v = w[(o * in + i) * taps + t];
                    if (t == centre) {
                        h[o * in + i] = v;
                    } else {
                        assertEquals(0.0, v, "off-centre tap " + t + " of (" + o + ", " + i + ")");
                    }
                }
            }
        }
        double error = maxDeviationFromScaledIdentity(gram(h, out, in), gain * gain);
        assertTrue(error < 1e-5, "centre HᵀH - gain²I: " + error);
        assertEquals(
                rms(w),
                Initializers.REGISTRY.parse("delta_orthogonal(gain=1.5)").std(weight(shape)),
                1e-6,
                "std() is the kernel's RMS");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "4,8,3,3; out channels >= in channels",
                "8,8; rank 3 to 5",
                "2,2,2,2,2,2; rank 3 to 5"
            })
    void deltaOrthogonalRefusesOtherShapesAndNamesThem(String shapeText, String why) {
        long[] shape = dims(shapeText);
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Initializers.REGISTRY
                                        .parse("delta_orthogonal")
                                        .sample(weight(shape), manager));
        String shown = weight(shape).shape().toString();
        assertTrue(e.getMessage().contains(shown) && e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void sparseZeroesExactlyTheRequestedCountInEveryColumn() {
        int rows = 100;
        int cols = 30;
        double[] w = draw("sparse(sparsity=0.3, std=0.05)", 4, rows, cols);
        for (int c = 0; c < cols; c++) {
            int zeros = 0;
            for (int r = 0; r < rows; r++) {
                zeros += w[r * cols + c] == 0 ? 1 : 0;
            }
            assertEquals(30, zeros, "zeros in column " + c);
        }
    }

    @Test
    void sparseNonZerosFollowTheGaussianAndAWrongStdFails() {
        double[] w = draw("sparse(sparsity=0.5, std=0.05)", 8, 200, 300);
        double[] nonZero = Arrays.stream(w).filter(v -> v != 0).toArray();
        assertEquals(200 * 300 / 2, nonZero.length);
        double p = ksP(nonZero, 0, 0.05);
        assertTrue(p > 1e-4, "KS p-value against N(0, 0.05²): " + p);
        assertTrue(ksP(nonZero, 0, 0.055) < 1e-4, "N(0, 0.055²) must be rejected");
        assertEquals(
                0.05 * Math.sqrt(0.5),
                Initializers.REGISTRY.parse("sparse(sparsity=0.5, std=0.05)").std(weight(200, 300)),
                1e-12,
                "std() of the whole matrix");
        assertEquals(
                0.05 * Math.sqrt(0.5),
                rms(w),
                5 * 0.05 * Math.sqrt(0.5) / Math.sqrt(2.0 * nonZero.length),
                "sample RMS");
    }

    @Test
    void sparseWithTheSameSeedGivesTheSameZeros() {
        String e = "sparse(sparsity=0.8)";
        assertArrayEquals(draw(e, 3, 40, 12), draw(e, 3, 40, 12));
        assertFalse(Arrays.equals(draw(e, 3, 40, 12), draw(e, 4, 40, 12)));
    }

    @Test
    void sparseRejectsASparsityOutsideZeroToOneNamingTheValue() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Initializers.REGISTRY.parse("sparse(sparsity=1.5)"));
        assertTrue(
                e.getMessage().contains("1.5") && e.getMessage().contains("[0, 1]"),
                e.getMessage());
    }

    @Test
    void sparseNeedsItsSparsityAndAMatrix() {
        ConfigException missing =
                assertThrows(
                        ConfigException.class,
                        () -> Initializers.REGISTRY.parse("sparse(std=0.1)"));
        assertTrue(missing.getMessage().contains("sparsity"), missing.getMessage());
        ConfigException conv =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Initializers.REGISTRY
                                        .parse("sparse(sparsity=0.5)")
                                        .sample(weight(4, 3, 3, 3), manager));
        assertTrue(
                conv.getMessage().contains("(4, 3, 3, 3)") && conv.getMessage().contains("rank 2"),
                conv.getMessage());
    }

    @Test
    void identityIsExactlyScaleTimesI() {
        float[] w =
                Initializers.REGISTRY
                        .parse("identity(scale=0.5)")
                        .sample(weight(5, 5), manager)
                        .toFloatArray();
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(r == c ? 0.5f : 0f, w[r * 5 + c]);
            }
        }
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = w[i];
        }
        double mean = Arrays.stream(d).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / 25);
        assertEquals(
                std, Initializers.REGISTRY.parse("identity(scale=0.5)").std(weight(5, 5)), 1e-7);
    }

    @Test
    void identityRefusesNonSquareMatricesAndPointsToEye() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                Initializers.REGISTRY
                                        .parse("identity")
                                        .sample(weight(4, 3), manager));
        assertTrue(
                e.getMessage().contains("(4, 3)") && e.getMessage().contains("eye"),
                e.getMessage());
    }
}
