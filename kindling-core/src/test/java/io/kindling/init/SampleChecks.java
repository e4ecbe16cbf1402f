package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import io.kindling.nn.Activation;
import io.kindling.nn.Activations;
import io.kindling.nn.ParamContext;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/** Shared steps of the initializer distribution tests: sample with a seed, KS test, std. */
final class SampleChecks {

    /** The KS p-value a correct sampler must exceed, as PyTorch's {@code test_init}. */
    static final double P_MIN = 1e-4;

    private SampleChecks() {}

    /** A lone weight of {@code shape} followed by the activation written as {@code act}. */
    static ParamContext weight(String act, long... shape) {
        Activation activation = Activations.REGISTRY.parse(act);
        return ParamContext.ofWeight(new Shape(shape), activation);
    }

    /** Parses "16,8,3,3". */
    static long[] shape(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .mapToLong(Long::parseLong)
                .toArray();
    }

    /** Samples with seed 7 and returns the float32 values as doubles. */
    static double[] draw(Initializer init, ParamContext ctx, NDManager manager) {
        Compute.seed(7);
        NDArray a = init.sample(ctx, manager);
        assertEquals(DataType.FLOAT32, a.getDataType(), "dtype");
        assertEquals(ctx.shape(), a.getShape(), "shape");
        float[] f = a.toFloatArray();
        a.close();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** The KS p-value of {@code x} against {@code target}. */
    static double ksP(RealDistribution target, double[] x) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(target, x);
    }

    /**
     * Asserts {@link Initializer#density} is the target's density (to 1e-9 relative) at 41
     * quantiles inside the support and is 0 outside it, where the support is bounded.
     */
    static void assertDensity(
            String what, Initializer init, ParamContext ctx, RealDistribution target) {
        DoubleUnaryOperator density =
                init.density(ctx).orElseThrow(() -> new AssertionError(what + ": no density"));
        for (int i = 1; i <= 41; i++) {
            double x = target.inverseCumulativeProbability(i / 42.0);
            double want = target.density(x);
            assertEquals(want, density.applyAsDouble(x), 1e-9 * want, what + ": density at " + x);
        }
        double lo = target.getSupportLowerBound();
        double hi = target.getSupportUpperBound();
        if (Double.isFinite(lo)) {
            assertEquals(0, density.applyAsDouble(lo - 1e-6 * (hi - lo)), what + ": below");
            assertEquals(0, density.applyAsDouble(hi + 1e-6 * (hi - lo)), what + ": above");
        }
    }

    /**
     * Asserts the sample passes the KS test against {@code target} and its std (about the target's
     * mean) is within 5 standard errors of {@code std}. The standard error is the normal one,
     * σ/√(2n), which over-covers the lighter-tailed uniform and truncated shapes.
     */
    static void assertFollows(String what, RealDistribution target, double std, double[] x) {
        double p = ksP(target, x);
        assertTrue(p > P_MIN, what + ": KS p-value " + p);
        double mean = target.getNumericalMean();
        double sampleStd =
                Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length);
        assertEquals(std, sampleStd, 5 * std / Math.sqrt(2.0 * x.length), what + ": sample std");
    }
}
