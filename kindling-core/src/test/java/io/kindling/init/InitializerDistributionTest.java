package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import io.kindling.nn.LayerKind;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Role;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statistical tests in the manner of PyTorch's {@code test_init}: the sample must pass a
 * Kolmogorov–Smirnov test against the target distribution (p > 1e-4), for a 2-D and a 4-D shape,
 * and its std must match the formula within 5 standard errors.
 */
class InitializerDistributionTest {

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

    static ParamContext weight(long... shape) {
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        return new ParamContext(
                "w",
                new Shape(shape),
                shape.length > 2 ? LayerKind.CONV : LayerKind.LINEAR,
                Role.WEIGHT,
                shape[1] * receptive,
                shape[0] * receptive,
                Activation.RELU,
                1,
                2,
                null,
                1.0,
                io.kindling.nn.Tags.NONE);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "normal(mean=0.5, std=0.2); 60,70; 0.5; 0.2",
                "xavier_normal(gain=2); 60,70; 0; 0.2480694691784169",
                "kaiming_normal(mode=fan_in, nonlinearity=relu); 60,70; 0; 0.1690308509457033",
                "kaiming_normal(mode=fan_out, nonlinearity=tanh); 60,70; 0; 0.21516574145596756",
                "kaiming_normal(a=0.1, nonlinearity=leaky_relu); 60,70; 0; 0.16819198298381613",
                "he_normal; 16,8,3,3; 0; 0.16666666666666666",
                "xavier_normal; 16,8,3,3; 0; 0.09622504486493763",
                "normal(mean=0.5, std=0.2); 16,8,3,3; 0.5; 0.2",
                "normal; 60,70; 0; 1",
                "glorot_normal(gain=1.5); 16,8,3,3; 0; 0.14433756729740643",
                "xavier_normal(gain=auto); 60,70; 0; 0.17541160386140583",
                "kaiming_normal(mode=fan_out, nonlinearity=auto); 16,8,3,3; 0; 0.11785113019775793",
                "kaiming_normal; 16,8,3,3; 0; 0.16666666666666666",
                "he_normal; 60,70; 0; 0.1690308509457033",
                "variance_scaling(scale=0.5, mode=fan_out, distribution=untruncated_normal); 60,70; 0; 0.09128709291752768",
                "variance_scaling(scale=2, mode=fan_avg, distribution=untruncated_normal); 16,8,3,3; 0; 0.13608276348795434",
            })
    void samplesFollowTheTargetGaussian(String expr, String shapeText, double mean, double std) {
        long[] shape = Arrays.stream(shapeText.split(",")).mapToLong(Long::parseLong).toArray();
        ParamContext ctx = weight(shape);
        Initializer init = Initializers.REGISTRY.parse(expr);
        assertEquals(std, init.std(ctx), 1e-9, "formula");
        Compute.seed(7);
        double[] x = toDoubles(init.sample(ctx, manager));
        assertEquals(ctx.shape().size(), x.length);
        NormalDistribution target = new NormalDistribution(null, mean, std, 1e-9);
        SampleChecks.assertDensity(expr, init, ctx, target);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(target, x);
        assertTrue(p > 1e-4, expr + ": KS p-value " + p);
        double sampleStd =
                Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length);
        double se = std / Math.sqrt(2.0 * x.length);
        assertEquals(std, sampleStd, 5 * se, expr + ": sample std");
    }

    @Test
    void aTooWideGaussianFailsTheKsTest() {
        ParamContext ctx = weight(60, 70);
        Compute.seed(7);
        double[] x = toDoubles(new Normal(0, 0.25).sample(ctx, manager));
        double p =
                new KolmogorovSmirnovTest()
                        .kolmogorovSmirnovTest(new NormalDistribution(null, 0, 0.2, 1e-9), x);
        assertTrue(p < 1e-4, "the test must be able to fail, p=" + p);
    }

    @Test
    void sameSeedGivesTheSameTensor() {
        ParamContext ctx = weight(20, 30);
        Initializer init = Initializers.REGISTRY.parse("kaiming_normal");
        Compute.seed(42);
        float[] a = init.sample(ctx, manager).toFloatArray();
        Compute.seed(42);
        float[] b = init.sample(ctx, manager).toFloatArray();
        Compute.seed(43);
        float[] c = init.sample(ctx, manager).toFloatArray();
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c));
    }

    @Test
    void constantsFillExactly() {
        ParamContext ctx = weight(3, 4);
        for (float v : Initializers.REGISTRY.parse("zeros").sample(ctx, manager).toFloatArray()) {
            assertEquals(0f, v);
        }
        for (float v :
                Initializers.REGISTRY
                        .parse("constant(value=0.25)")
                        .sample(ctx, manager)
                        .toFloatArray()) {
            assertEquals(0.25f, v);
        }
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
