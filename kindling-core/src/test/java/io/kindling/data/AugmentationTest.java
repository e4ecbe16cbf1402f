package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Crop, flip, translate and noise on hand-made images: exact maps, seeding, distributions. */
class AugmentationTest {

    /** A 3×4 image with distinct, non-zero pixels, so a 0 in the output is padding. */
    private static final float[] IMAGE = {
        1, 2, 3, 4,
        5, 6, 7, 8,
        9, 10, 11, 12
    };

    private static NDManager manager;

    @BeforeAll
    static void start() {
        Compute.start(Compute.Threads.defaults());
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void flipOneMirrorsEveryRowOfEveryExample() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = twoImages(m);
            float[] out = new Augmentation(0, 1, 0, 0).apply(x, 3, 4, 7L).toFloatArray();
            assertArrayEquals(
                    new float[] {
                        4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9,
                        16, 15, 14, 13, 20, 19, 18, 17, 24, 23, 22, 21
                    },
                    out);
        }
    }

    @Test
    void cropAtAForcedOffsetShiftsInZeros() {
        Augmentation pad1 = new Augmentation(1, 0, 0, 0);
        // top = left = 0 reads the padded image's corner: one row and column of zeros enter.
        assertMaps(
                pad1,
                new Augmentation.Draw(0, 0, false, 0, 0),
                new float[] {
                    0, 0, 0, 0,
                    0, 1, 2, 3,
                    0, 5, 6, 7
                });
        // top = 2P, left = P: the window moves one row down, a zero row enters at the bottom.
        assertMaps(
                pad1,
                new Augmentation.Draw(2, 1, false, 0, 0),
                new float[] {
                    5, 6, 7, 8,
                    9, 10, 11, 12,
                    0, 0, 0, 0
                });
        // top = left = P is the identity.
        assertMaps(pad1, new Augmentation.Draw(1, 1, false, 0, 0), IMAGE);
    }

    @Test
    void translateShiftsByDyDxAndFillsWithZeros() {
        assertMaps(
                new Augmentation(0, 0, 2, 0),
                new Augmentation.Draw(0, 0, false, 1, -2),
                new float[] {
                    0, 0, 0, 0,
                    3, 4, 0, 0,
                    7, 8, 0, 0
                });
    }

    @Test
    void cropThenFlipThenTranslateCompose() {
        // crop (top 2, left 0, P 1): c(r, q) = x(r + 1, q − 1); flip; then shift right by 1.
        assertMaps(
                new Augmentation(1, 1, 1, 0),
                new Augmentation.Draw(2, 0, true, 0, 1),
                new float[] {
                    0, 7, 6, 5,
                    0, 11, 10, 9,
                    0, 0, 0, 0
                });
    }

    @Test
    void theSameSeedGivesTheSameBatchAndAnotherSeedAnother() {
        Augmentation aug = new Augmentation(2, 0.5, 1, 0);
        try (NDManager m = manager.newSubManager()) {
            NDArray x = repeated(m, IMAGE, 32);
            float[] a = aug.apply(x, 3, 4, 11L).toFloatArray();
            float[] b = aug.apply(x, 3, 4, 11L).toFloatArray();
            float[] c = aug.apply(x, 3, 4, 12L).toFloatArray();
            assertArrayEquals(a, b);
            assertFalse(Arrays.equals(a, c), "seeds 11 and 12 gave the same batch");
            float[] viaDraws = aug.apply(x, 3, 4, aug.draws(32, 11L)).toFloatArray();
            assertArrayEquals(a, viaDraws, "the seeded path uses draws(batch, seed)");
        }
    }

    @Test
    void flipHalfMirrorsAboutHalfTheExamples() {
        int n = 4000;
        try (NDManager m = manager.newSubManager()) {
            NDArray x = repeated(m, new float[] {1, 2}, n);
            float[] out = new Augmentation(0, 0.5, 0, 0).apply(x, 1, 2, 3L).toFloatArray();
            int flipped = 0;
            for (int i = 0; i < n; i++) {
                boolean mirrored = out[2 * i] == 2 && out[2 * i + 1] == 1;
                assertTrue(mirrored || (out[2 * i] == 1 && out[2 * i + 1] == 2));
                flipped += mirrored ? 1 : 0;
            }
            // Binomial(n, 1/2): standard deviation sqrt(n)/2 ≈ 32; allow 5 of them.
            assertEquals(n / 2.0, flipped, 5 * Math.sqrt(n) / 2, "flipped " + flipped);
        }
    }

    @Test
    void cropOffsetsCoverTheFullRangeUniformly() {
        // A 5×5 image with pad 2: the output's centre pixel is x(top, left), always inside, so
        // its value names the offset pair; 25 cells must all occur with equal frequency.
        int n = 5000;
        float[] image = new float[25];
        for (int i = 0; i < 25; i++) {
            image[i] = i;
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray x = repeated(m, image, n);
            float[] out = new Augmentation(2, 0, 0, 0).apply(x, 5, 5, 5L).toFloatArray();
            long[] counts = new long[25];
            for (int i = 0; i < n; i++) {
                counts[(int) out[i * 25 + 12]]++;
            }
            assertUniform(counts, n);
        }
    }

    @Test
    void translationsCoverTheFullRangeUniformly() {
        // A 3×3 image with translate 1: the centre pixel is x(1 − dy, 1 − dx), always inside.
        int n = 3000;
        float[] image = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        try (NDManager m = manager.newSubManager()) {
            NDArray x = repeated(m, image, n);
            float[] out = new Augmentation(0, 0, 1, 0).apply(x, 3, 3, 9L).toFloatArray();
            long[] counts = new long[9];
            for (int i = 0; i < n; i++) {
                counts[(int) out[i * 9 + 4]]++;
            }
            assertUniform(counts, n);
        }
    }

    @Test
    void noiseHasMeanZeroAndStdSigma() {
        double sigma = 0.3;
        int n = 200 * 784;
        try (NDManager m = manager.newSubManager()) {
            Compute.seed(21);
            NDArray x = m.randomUniform(0f, 1f, new Shape(200, 784));
            NDArray out = new Augmentation(0, 0, 0, sigma).apply(x, 28, 28, 1L);
            float[] eps = out.sub(x).toFloatArray();
            double mean = 0;
            for (float e : eps) {
                mean += e;
            }
            mean /= n;
            double var = 0;
            for (float e : eps) {
                var += (e - mean) * (e - mean);
            }
            double std = Math.sqrt(var / (n - 1));
            // Standard errors: σ/√n for the mean, σ/√(2n) for the std; allow 5 of each.
            assertEquals(0, mean, 5 * sigma / Math.sqrt(n), "mean");
            assertEquals(sigma, std, 5 * sigma / Math.sqrt(2.0 * n), "std");
        }
    }

    @Test
    void applyKeepsShapeAndTypeAndLeavesTheInputAlone() {
        Augmentation aug = new Augmentation(1, 0.5, 1, 0.1);
        try (NDManager m = manager.newSubManager()) {
            for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
                NDArray x = twoImages(m).toType(type, false);
                float[] before = x.toType(DataType.FLOAT32, false).toFloatArray();
                NDArray out = aug.apply(x, 3, 4, 2L);
                assertEquals(new Shape(2, 12), out.getShape());
                assertEquals(type, out.getDataType());
                assertArrayEquals(before, x.toType(DataType.FLOAT32, false).toFloatArray());
            }
        }
    }

    @Test
    void everythingOffReturnsTheInputItself() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = twoImages(m);
            assertSame(x, Augmentation.NONE.apply(x, 3, 4, 1L));
            assertSame(x, Augmentations.REGISTRY.parse("augment()").apply(x, 3, 4, 1L));
            assertTrue(Augmentation.NONE.isIdentity());
        }
    }

    @Test
    void invalidArgumentsAreRefusedNamingTheValue() {
        assertRefused("augment(pad=-1)", "pad=-1");
        assertRefused("augment(pad=1.5)", "pad=1.5");
        assertRefused("augment(translate=-2)", "translate=-2");
        assertRefused("augment(flip=1.5)", "flip=1.5");
        assertRefused("augment(noise=-0.1)", "noise=-0.1");
        assertRefused("augment(pads=4)", "'pads'");
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, Double.NaN, 0, 0));
        IllegalArgumentException tooBig =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Augmentation(3, 0, 0, 0).checkFits(3, 4));
        assertTrue(
                tooBig.getMessage().contains("pad=3") && tooBig.getMessage().contains("3x4"),
                tooBig.getMessage());
        IllegalArgumentException shift =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Augmentation(0, 0, 4, 0).checkFits(28, 4));
        assertTrue(shift.getMessage().contains("translate=4"), shift.getMessage());
        try (NDManager m = manager.newSubManager()) {
            NDArray x = twoImages(m);
            IllegalArgumentException applied =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Augmentation(3, 0, 0, 0).apply(x, 3, 4, 1L));
            assertTrue(applied.getMessage().contains("pad=3"), applied.getMessage());
            IllegalArgumentException shape =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Augmentation(1, 0, 0, 0).apply(x, 4, 4, 1L));
            assertTrue(shape.getMessage().contains("(2, 12)"), shape.getMessage());
        }
    }

    @Test
    void expressionsRoundTrip() {
        Augmentation aug = Augmentations.REGISTRY.parse("augment(pad=4, flip=0.5)");
        assertEquals(new Augmentation(4, 0.5, 0, 0), aug);
        assertEquals("augment(pad=4, flip=0.5, translate=0, noise=0)", aug.print());
        for (Augmentation a : List.of(aug, Augmentation.NONE, new Augmentation(2, 1, 3, 0.05))) {
            Augmentation again = Augmentations.REGISTRY.parse(a.print());
            assertEquals(a, again, a.print());
            assertEquals(a.print(), again.print());
        }
    }

    private static void assertRefused(String expr, String named) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Augmentations.REGISTRY.parse(expr));
        assertTrue(e.getMessage().contains(named), expr + " gave: " + e.getMessage());
    }

    private static void assertMaps(Augmentation aug, Augmentation.Draw draw, float[] expected) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(IMAGE, new Shape(1, 12));
            float[] out = aug.apply(x, 3, 4, List.of(draw)).toFloatArray();
            assertArrayEquals(expected, out, draw.toString());
        }
    }

    /** Pearson's chi-square against uniform, below the 1e-4 critical value for its df. */
    private static void assertUniform(long[] counts, int n) {
        double expected = (double) n / counts.length;
        double chi2 = 0;
        for (long c : counts) {
            assertTrue(c > 0, "a cell never occurred: " + Arrays.toString(counts));
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // Critical values at p = 1e-4: df 8 → 31.8, df 24 → 58.6 (scipy.stats.chi2.isf).
        double critical = counts.length == 9 ? 31.8 : 58.6;
        assertTrue(chi2 < critical, "chi2 " + chi2 + " for " + Arrays.toString(counts));
    }

    private static NDArray twoImages(NDManager m) {
        float[] two = new float[24];
        for (int i = 0; i < 24; i++) {
            two[i] = i + 1;
        }
        return m.create(two, new Shape(2, 12));
    }

    private static NDArray repeated(NDManager m, float[] image, int n) {
        float[] all = new float[image.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(image, 0, all, i * image.length, image.length);
        }
        return m.create(all, new Shape(n, image.length));
    }
}
