package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code add_noise}: Neelakantan et al. 2015, σₜ² = η/(1+t)^γ with t the 0-based step. The noise of
 * each step, over a large tensor, has that variance (5 standard errors) and passes a
 * Kolmogorov–Smirnov test against N(0, σₜ²); the same seed reproduces it exactly.
 */
class AddNoiseTest {

    static final int N = 200_000;

    @BeforeAll
    static void engine() {
        Compute.start(new Compute.Threads(1, 1));
    }

    @Test
    void scheduleIsTheFormula() {
        AddNoise noise = new AddNoise(0.3, 0.55);
        for (long t = 0; t < 50; t++) {
            assertEquals(Math.sqrt(0.3 / Math.pow(1 + t, 0.55)), noise.stddev(t), 1e-15);
        }
        assertEquals(Math.sqrt(0.3), noise.stddev(0), 0);
    }

    @Test
    void eachStepHasTheScheduledVarianceAndIsGaussian() {
        double eta = 0.3;
        double gamma = 0.55;
        GradientTransform t = Optimizers.REGISTRY.parse("add_noise(eta=0.3, gamma=0.55)");
        Compute.seed(11);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p = m.zeros(new Shape(400, 500), DataType.FLOAT64);
            NDArray base = m.linspace(-1f, 1f, N).toType(DataType.FLOAT64, false).reshape(400, 500);
            TransformState state = t.init(List.of(p), m);
            KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
            for (int step = 0; step < 40; step++) {
                NDArray[] updates = {base};
                t.update(updates, state, List.of(p));
                assertEquals(DataType.FLOAT64, updates[0].getDataType());
                double[] noise = updates[0].sub(base).toDoubleArray();
                double want = eta / Math.pow(1 + step, gamma);
                double mean = Arrays.stream(noise).average().orElseThrow();
                double var = Arrays.stream(noise).map(x -> (x - mean) * (x - mean)).sum() / (N - 1);
                double se = want * Math.sqrt(2.0 / (N - 1));
                assertEquals(want, var, 5 * se, "variance at t=" + step);
                assertEquals(0, mean, 5 * Math.sqrt(want / N), "mean at t=" + step);
                if (step % 13 == 0) {
                    double pValue =
                            ks.kolmogorovSmirnovTest(
                                    new NormalDistribution(null, 0, Math.sqrt(want), 1e-9), noise);
                    assertTrue(pValue > 1e-4, "KS p=" + pValue + " at t=" + step);
                }
            }
            assertEquals(40, state.count());
            assertArrayEquals(
                    m.linspace(-1f, 1f, N).toType(DataType.FLOAT64, false).toDoubleArray(),
                    base.toDoubleArray(),
                    0,
                    "the incoming update is kept");
        }
    }

    @Test
    void float32NoiseHasTheScheduledVariance() {
        GradientTransform t = Optimizers.REGISTRY.parse("add_noise(eta=0.01)");
        Compute.seed(5);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p = m.zeros(new Shape(N));
            TransformState state = t.init(List.of(p), m);
            for (int step = 0; step < 3; step++) {
                NDArray[] updates = {m.zeros(new Shape(N))};
                t.update(updates, state, List.of(p));
                assertEquals(DataType.FLOAT32, updates[0].getDataType());
                float[] f = updates[0].toFloatArray();
                double var = 0;
                for (float x : f) {
                    var += (double) x * x;
                }
                var /= N;
                double want = 0.01 / Math.pow(1 + step, 0.55);
                assertEquals(want, var, 5 * want * Math.sqrt(2.0 / N), "t=" + step);
            }
        }
    }

    @Test
    void sameSeedReproducesDifferentSeedDiffers() {
        double[] a = noise(42);
        double[] b = noise(42);
        double[] c = noise(43);
        assertArrayEquals(a, b, 0);
        assertFalse(Arrays.equals(a, c));
    }

    private static double[] noise(long seed) {
        GradientTransform t =
                Optimizers.REGISTRY.parse(
                        "chain(transforms=[add_noise(eta=1)," + " scale(factor=-0.1)])");
        Compute.seed(seed);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p = m.zeros(new Shape(5, 7), DataType.FLOAT64);
            NDArray q = m.zeros(new Shape(3), DataType.FLOAT64);
            TransformState state = t.init(List.of(p, q), m);
            double[] out = new double[0];
            for (int step = 0; step < 3; step++) {
                NDArray[] updates = {
                    m.ones(p.getShape(), DataType.FLOAT64), m.ones(q.getShape(), DataType.FLOAT64)
                };
                t.update(updates, state, List.of(p, q));
                double[] u0 = updates[0].toDoubleArray();
                double[] u1 = updates[1].toDoubleArray();
                double[] all = Arrays.copyOf(out, out.length + u0.length + u1.length);
                System.arraycopy(u0, 0, all, out.length, u0.length);
                System.arraycopy(u1, 0, all, out.length + u0.length, u1.length);
                out = all;
            }
            return out;
        }
    }
}
