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
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The uniform family (uniform, xavier/glorot_uniform, kaiming/he_uniform, lecun_uniform,
 * variance_scaling(distribution=uniform)) against U(lo, hi) with bounds worked out by hand from the
 * PyTorch/Keras formulas: KS p > 1e-4, std within 5 standard errors, on a 2-D and a 4-D conv shape.
 */
class UniformInitializerTest {

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

    @ParameterizedTest(name = "{0} on {1} before {2} follows U({3}, {4})")
    @CsvSource(
            delimiter = ';',
            value = {
                "uniform(a=-0.3, b=0.7); 60,70; relu; -0.3; 0.7",
                "uniform(a=-0.3, b=0.7); 16,8,3,3; relu; -0.3; 0.7",
                "uniform; 60,70; relu; 0; 1",
                "uniform; 16,8,3,3; relu; 0; 1",
                "xavier_uniform; 60,70; relu; -0.21483446221182986; 0.21483446221182986",
                "xavier_uniform; 16,8,3,3; relu; -0.16666666666666666; 0.16666666666666666",
                "glorot_uniform(gain=2); 16,8,3,3; relu; -0.3333333333333333; 0.3333333333333333",
                "glorot_uniform; 60,70; relu; -0.21483446221182986; 0.21483446221182986",
                "xavier_uniform(gain=auto); 60,70; tanh; -0.35805743701971643; 0.35805743701971643",
                "xavier_uniform(gain=auto); 16,8,3,3; leaky_relu(slope=0.2); -0.2311250817605121; 0.2311250817605121",
                "kaiming_uniform; 60,70; relu; -0.29277002188455997; 0.29277002188455997",
                "kaiming_uniform; 16,8,3,3; relu; -0.28867513459481287; 0.28867513459481287",
                "kaiming_uniform(a=0.1, mode=fan_out, nonlinearity=leaky_relu); 16,8,3,3; relu; -0.20311111592559689; 0.20311111592559689",
                "kaiming_uniform(nonlinearity=auto); 60,70; leaky_relu(slope=0.2); -0.28708462588160727; 0.28708462588160727",
                "kaiming_uniform(mode=fan_out, nonlinearity=auto); 16,8,3,3; tanh; -0.24056261216234406; 0.24056261216234406",
                "he_uniform; 60,70; tanh; -0.29277002188455997; 0.29277002188455997",
                "he_uniform; 16,8,3,3; relu; -0.28867513459481287; 0.28867513459481287",
                "lecun_uniform; 60,70; relu; -0.20701966780270625; 0.20701966780270625",
                "lecun_uniform; 16,8,3,3; relu; -0.2041241452319315; 0.2041241452319315",
                "lecun98_uniform; 60,70; tanh; -0.03428571428571429; 0.03428571428571429",
                "lecun98_uniform(a=1.2); 16,8,3,3; tanh; -0.016666666666666666; 0.016666666666666666",
                "variance_scaling(scale=2, mode=fan_avg, distribution=uniform); 60,70; relu; -0.3038218101251; 0.3038218101251",
                "variance_scaling(scale=2, mode=fan_avg, distribution=uniform); 16,8,3,3; relu; -0.23570226039551584; 0.23570226039551584",
                "variance_scaling(mode=fan_out, distribution=uniform); 16,8,3,3; relu; -0.14433756729740643; 0.14433756729740643",
            })
    void samplesFollowTheTargetUniform(
            String expr, String shapeText, String act, double lo, double hi) {
        ParamContext ctx = weight(act, shape(shapeText));
        Initializer init = Initializers.REGISTRY.parse(expr);
        double std = (hi - lo) / Math.sqrt(12);
        assertEquals(std, init.std(ctx), 1e-9, expr + ": std formula");
        double[] x = draw(init, ctx, manager);
        assertTrue(
                Arrays.stream(x).allMatch(v -> v >= (float) lo && v <= (float) hi),
                expr + ": every value within [" + lo + ", " + hi + "]");
        UniformRealDistribution target = new UniformRealDistribution(null, lo, hi);
        SampleChecks.assertDensity(expr, init, ctx, target);
        assertFollows(expr, target, std, x);
    }

    @Test
    void aUniformWithTheWrongBoundFailsTheKsTest() {
        // kaiming_uniform with fan_out instead of fan_in: bound √(6/60) instead of √(6/70).
        ParamContext ctx = weight("relu", 60, 70);
        double[] x = draw(Initializers.REGISTRY.parse("kaiming_uniform"), ctx, manager);
        double wrong = Math.sqrt(6.0 / 60);
        double p = ksP(new UniformRealDistribution(null, -wrong, wrong), x);
        assertTrue(p < SampleChecks.P_MIN, "the test must be able to fail, p=" + p);
    }

    @Test
    void theBoundsArePytorchsSqrtThreeTimesStd() {
        ParamContext ctx = weight("relu", 16, 8, 3, 3);
        KaimingUniform k = (KaimingUniform) Initializers.REGISTRY.parse("kaiming_uniform");
        assertEquals(Math.sqrt(6.0 / 72), k.bound(ctx), 1e-15);
        XavierUniform x = (XavierUniform) Initializers.REGISTRY.parse("xavier_uniform");
        assertEquals(Math.sqrt(6.0 / 216), x.bound(ctx), 1e-15);
        LecunUniform l = (LecunUniform) Initializers.REGISTRY.parse("lecun_uniform");
        assertEquals(Math.sqrt(3.0 / 72), l.limit(ctx), 1e-15);
    }
}
