package io.kindling.init;

import static io.kindling.init.InitTesting.gram;
import static io.kindling.init.InitTesting.maxDeviationFromScaledIdentity;
import static io.kindling.init.InitTesting.toDoubles;
import static io.kindling.init.InitTesting.weight;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.special.Beta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine-side orthogonal path ({@link BlockedHouseholder}): the same matrix as the one-core
 * Householder path from the same Gaussian draw, whatever the panel and leaf widths, so the same
 * Haar distribution as PyTorch's; and, on its own, orthonormal columns and the exact Haar marginal.
 */
class BlockedOrthogonalTest {

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

    @ParameterizedTest(name = "{0}x{1}, panel {2}, leaf {3}")
    @CsvSource({
        "100, 60, 16, 4",
        "60, 100, 16, 16",
        "97, 97, 32, 8",
        "130, 33, 8, 8",
        "41, 40, 5, 2",
        "64, 1, 4, 4",
        "200, 150, 64, 16"
    })
    void blockedPathEqualsTheOneCorePathForTheSameDraw(int rows, int cols, int block, int leaf) {
        try (NDManager scope = manager.newSubManager()) {
            Compute.seed(rows * 1000L + cols);
            NDArray g = scope.randomNormal(0f, 1f, new Shape(rows, cols), DataType.FLOAT32);
            double gain = 1.5;
            float[] oneCore = HaarOrthogonal.householder(g.toFloatArray(), rows, cols, gain);
            NDArray blocked = HaarOrthogonal.blocked(g, gain, block, leaf);
            assertEquals(new Shape(rows, cols), blocked.getShape());
            float[] got = blocked.toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(oneCore[i], got[i], 1e-5, "entry " + i);
            }
        }
    }

    @Test
    void blockedColumnsAreOrthonormalToFloatTolerance() {
        try (NDManager scope = manager.newSubManager()) {
            Compute.seed(7);
            NDArray g = scope.randomNormal(0f, 1f, new Shape(300, 200), DataType.FLOAT32);
            double[] q = toDoubles(HaarOrthogonal.blocked(g, 1, 32, 8));
            double error = maxDeviationFromScaledIdentity(gram(q, 300, 200), 1);
            assertTrue(error < 1e-5, "max |QᵀQ − I| = " + error);
        }
    }

    @Test
    void blockedPathLeavesOnlyItsResultInTheCallersManager() {
        try (NDManager scope = manager.newSubManager()) {
            Compute.seed(9);
            NDArray g = scope.randomNormal(0f, 1f, new Shape(90, 200), DataType.FLOAT32);
            NDArray q = HaarOrthogonal.blocked(g, 1, 16, 4);
            var left = scope.getManagedArrays();
            assertEquals(2, left.size(), "arrays left: " + left.size());
            assertTrue(left.contains(g) && left.contains(q));
        }
    }

    @Test
    void orthogonalOfALargeMatrixTakesTheBlockedPath() {
        int n = HaarOrthogonal.BLOCKED_FROM;
        Compute.seed(3);
        NDArray g = manager.randomNormal(0f, 1f, new Shape(n, n), DataType.FLOAT32);
        float[] oneCore = HaarOrthogonal.householder(g.toFloatArray(), n, n, 1);
        Compute.seed(3);
        float[] viaInit =
                Initializers.REGISTRY
                        .parse("orthogonal")
                        .sample(weight(n, n), manager)
                        .toFloatArray();
        for (int i = 0; i < viaInit.length; i++) {
            assertEquals(oneCore[i], viaInit[i], 1e-5, "entry " + i);
        }
    }

    /**
     * Every entry q of an m-row Haar (semi-)orthogonal matrix has q² ~ Beta(1/2, (m−1)/2), sign
     * symmetric: the marginal of one coordinate of a uniform point on the sphere S^{m−1}.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"256, 256", "400, 200", "150, 300"})
    void entriesFollowTheExactHaarMarginal(int rows, int cols) {
        Compute.seed(rows + cols);
        double[] w =
                toDoubles(
                        Initializers.REGISTRY
                                .parse("orthogonal")
                                .sample(weight(rows, cols), manager));
        int m = Math.max(rows, cols);
        double p = SampleChecks.ksP(new HaarEntry(m), w);
        assertTrue(p > SampleChecks.P_MIN, "KS p-value against the Haar marginal: " + p);
        double wrong = SampleChecks.ksP(new HaarEntry((int) (m * 0.9)), w);
        assertTrue(
                wrong < SampleChecks.P_MIN,
                "the marginal of a 10% smaller sphere must fail: " + wrong);
    }

    /** The law of one coordinate of a uniform point on S^{m−1}. */
    private static final class HaarEntry extends AbstractRealDistribution {
        private static final long serialVersionUID = 1L;
        private final double b;

        HaarEntry(int m) {
            super(null);
            this.b = (m - 1) / 2.0;
        }

        @Override
        public double cumulativeProbability(double x) {
            if (x <= -1) {
                return 0;
            }
            if (x >= 1) {
                return 1;
            }
            double half = Beta.regularizedBeta(x * x, 0.5, b) / 2;
            return x < 0 ? 0.5 - half : 0.5 + half;
        }

        @Override
        public double density(double x) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double getNumericalMean() {
            return 0;
        }

        @Override
        public double getNumericalVariance() {
            return 2 * b == 0 ? 1 : 1 / (2 * b + 1);
        }

        @Override
        public double getSupportLowerBound() {
            return -1;
        }

        @Override
        public double getSupportUpperBound() {
            return 1;
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }
}
