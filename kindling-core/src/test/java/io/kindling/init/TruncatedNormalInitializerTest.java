package io.kindling.init;

import static io.kindling.init.SampleChecks.assertFollows;
import static io.kindling.init.SampleChecks.draw;
import static io.kindling.init.SampleChecks.ksP;
import static io.kindling.init.SampleChecks.shape;
import static io.kindling.init.SampleChecks.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.kindling.engine.Compute;
import io.kindling.nn.ParamContext;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The truncated family (trunc_normal, lecun_normal, variance_scaling(truncated_normal)) against
 * N(mean, σ²) conditioned on [a, b] ({@link TruncatedNormalCdf}): KS p > 1e-4, std within 5
 * standard errors of the truncated distribution's std, on a 2-D and a 4-D shape.
 */
class TruncatedNormalInitializerTest {

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

    @ParameterizedTest(name = "{0} on {1} follows N({2}, {3}²) on [{4}, {5}]")
    @CsvSource(
            delimiter = ';',
            value = {
                "trunc_normal; 60,70; 0; 1; -2; 2",
                "trunc_normal; 16,8,3,3; 0; 1; -2; 2",
                "trunc_normal(mean=0.5, std=2, a=-1, b=3); 60,70; 0.5; 2; -1; 3",
                "trunc_normal(mean=0.5, std=2, a=-1, b=3); 16,8,3,3; 0.5; 2; -1; 3",
                "trunc_normal(mean=0, std=1, a=0.5, b=2.5); 60,70; 0; 1; 0.5; 2.5",
                "trunc_normal(std=0.02, a=-0.04, b=0.04); 16,8,3,3; 0; 0.02; -0.04; 0.04",
                "trunc_normal(a=3, b=4); 60,70; 0; 1; 3; 4",
                "trunc_normal(mean=1, std=0.5, a=-1.5, b=0); 16,8,3,3; 1; 0.5; -1.5; 0",
                "lecun_normal; 60,70; 0; 0.13587923389241244; -0.2717584677848249; 0.2717584677848249",
                "lecun_normal; 16,8,3,3; 0; 0.13397873142899422; -0.26795746285798844; 0.26795746285798844",
                "variance_scaling; 60,70; 0; 0.13587923389241244; -0.2717584677848249; 0.2717584677848249",
                "variance_scaling(scale=2, mode=fan_out); 16,8,3,3; 0; 0.13397873142899422; -0.26795746285798844; 0.26795746285798844",
                "variance_scaling(scale=0.5, mode=fan_avg, distribution=truncated_normal); 60,70; 0; 0.09970809836036483; -0.19941619672072966; 0.19941619672072966",
            })
    void samplesFollowTheTruncatedNormal(
            String expr, String shapeText, double mean, double sigma, double a, double b) {
        ParamContext ctx = weight("selu", shape(shapeText));
        Initializer init = Initializers.REGISTRY.parse(expr);
        TruncatedNormalCdf target = new TruncatedNormalCdf(mean, sigma, a, b);
        double std = Math.sqrt(target.getNumericalVariance());
        assertEquals(std, init.std(ctx), 1e-9, expr + ": std of the truncated distribution");
        double[] x = draw(init, ctx, manager);
        assertTrue(
                Arrays.stream(x).allMatch(v -> v >= (float) a && v <= (float) b),
                expr + ": every value within [" + a + ", " + b + "]");
        SampleChecks.assertDensity(expr, init, ctx, target);
        assertFollows(expr, target, std, x);
    }

    @ParameterizedTest(name = "{0} has variance scale/n = {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "lecun_normal; 0.014285714285714285",
                "variance_scaling(scale=3, mode=fan_out); 0.05",
                "variance_scaling(scale=3, mode=fan_avg); 0.046153846153846156",
            })
    void kerasTruncationKeepsTheVarianceExact(String expr, double variance) {
        ParamContext ctx = weight("selu", 60, 70);
        assertEquals(Math.sqrt(variance), Initializers.REGISTRY.parse(expr).std(ctx), 1e-12);
    }

    @Test
    void theTruncatedMeanMatchesTheFormula() {
        TruncatedNormal t =
                (TruncatedNormal)
                        Initializers.REGISTRY.parse("trunc_normal(mean=0.5, std=2, a=-1, b=3)");
        assertEquals(new TruncatedNormalCdf(0.5, 2, -1, 3).getNumericalMean(), t.trueMean(), 1e-12);
    }

    @Test
    void boundsAreAbsoluteNotMultiplesOfStd() {
        // trunc_normal(std=0.5) keeps PyTorch's a=-2, b=2: ±4σ, not ±2σ = ±1.
        ParamContext ctx = weight("relu", 200, 200);
        double[] x = draw(Initializers.REGISTRY.parse("trunc_normal(std=0.5)"), ctx, manager);
        assertTrue(Arrays.stream(x).anyMatch(v -> Math.abs(v) > 1));
        double p = ksP(new TruncatedNormalCdf(0, 0.5, -1, 1), x);
        assertTrue(p < SampleChecks.P_MIN, "the ±2σ target must fail, p=" + p);
    }

    @Test
    void aTruncatedSampleFailsTheKsTestAgainstTheUntruncatedNormal() {
        ParamContext ctx = weight("relu", 200, 200);
        double[] x = draw(Initializers.REGISTRY.parse("trunc_normal"), ctx, manager);
        double p = ksP(new NormalDistribution(null, 0, 1, 1e-9), x);
        assertTrue(p < SampleChecks.P_MIN, "the test must be able to fail, p=" + p);
    }
}
