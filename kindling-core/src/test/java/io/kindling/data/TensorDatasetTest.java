package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Engine-side splits: exact pixels, row gathers owned by the step, train-only statistics. */
class TensorDatasetTest {

    private static NDManager manager;
    private static ImageClassificationData subset;

    @BeforeAll
    static void start() {
        System.setProperty("ai.djl.offline", "true");
        manager = NDManager.newBaseManager();
        subset = FashionMnist.loadSubset();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void aSplitIsOneFloatArrayOfScaledPixelsAndOneInt64LabelArray() {
        try (NDManager m = manager.newSubManager()) {
            TensorDataset train = subset.train(m);
            assertEquals(new Shape(6000, 784), train.x().getShape());
            assertEquals(DataType.FLOAT32, train.x().getDataType());
            assertEquals(new Shape(6000), train.y().getShape());
            assertEquals(DataType.INT64, train.y().getDataType());
            assertEquals(6000, train.size());
            assertEquals(784, train.features());
            assertEquals(10, train.classes());
            assertEquals(1000, subset.test(m).size());
        }
    }

    @Test
    void aBatchHoldsExactlyTheRequestedRowsAsPixelsOver255() {
        try (NDManager m = manager.newSubManager()) {
            TensorDataset train = subset.train(m);
            int[] rows = {5999, 0, 17, 17, 3021};
            try (NDManager step = m.newSubManager()) {
                NDList batch = train.batch(step, rows);
                float[] x = batch.get(0).toFloatArray();
                long[] y = batch.get(1).toLongArray();
                assertEquals(new Shape(5, 784), batch.get(0).getShape());
                for (int r = 0; r < rows.length; r++) {
                    for (int p = 0; p < 784; p++) {
                        float expected = (subset.trainImages()[rows[r] * 784 + p] & 0xFF) / 255f;
                        assertEquals(expected, x[r * 784 + p], "row " + rows[r] + " pixel " + p);
                    }
                    assertEquals(subset.trainLabels()[rows[r]], y[r]);
                }
            }
        }
    }

    @Test
    void batchArraysBelongToTheStepManagerAndAreFreedWithIt() {
        try (NDManager m = manager.newSubManager()) {
            TensorDataset train = subset.train(m);
            int owned = m.getManagedArrays().size();
            NDArray kept;
            try (NDManager step = m.newSubManager()) {
                NDList batch = train.batch(step, new int[] {1, 2, 3});
                assertSame(step, batch.get(0).getManager());
                assertSame(step, batch.get(1).getManager());
                kept = batch.get(0);
            }
            assertEquals(owned, m.getManagedArrays().size());
            assertTrue(kept.isReleased());
            assertFalse(train.x().isReleased());
        }
    }

    @Test
    void aRowOutsideTheSplitIsRefused() {
        try (NDManager m = manager.newSubManager()) {
            TensorDataset test = subset.test(m);
            assertThrows(IndexOutOfBoundsException.class, () -> test.batch(m, new int[] {0, 1000}));
            assertThrows(IndexOutOfBoundsException.class, () -> test.batch(m, new int[] {-1}));
        }
    }

    @Test
    void standardizationIsFittedOnTrainingPixelsOnlyAndAppliedToBothSplits() {
        // Training pixels are 0 and 255; test pixels are 51 and 102, far from the training
        // mean, so statistics taken from test data would show.
        byte[] trainImages = {0, (byte) 255, 0, (byte) 255, 0, 0};
        byte[] testImages = {51, 102, 51, 102};
        ImageClassificationData toy =
                new ImageClassificationData(
                        "toy",
                        1,
                        2,
                        2,
                        List.of("a", "b"),
                        trainImages,
                        new byte[] {0, 1, 0},
                        testImages,
                        new byte[] {1, 0},
                        "test");
        Standardization s = toy.fitStandardization();
        assertEquals(1.0 / 3, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 9), s.std(), 1e-12);
        assertNotEquals(Standardization.fit(testImages).mean(), s.mean());
        try (NDManager m = manager.newSubManager()) {
            TensorDataset train = toy.train(m).standardize(s);
            TensorDataset test = toy.test(m).standardize(s);
            assertEquals(0.0, train.x().mean().getFloat(), 1e-6);
            float[] x = test.x().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                double expected = (testImages[i] / 255.0 - 1.0 / 3) / Math.sqrt(2.0 / 9);
                assertEquals(expected, x[i], 1e-6);
            }
            assertEquals(s, test.standardization().orElseThrow());
            assertThrows(IllegalStateException.class, () -> test.standardize(s));
        }
    }

    @Test
    void standardizedSubsetTrainingPixelsHaveMeanZeroAndStdOne() {
        Standardization s = subset.fitStandardization();
        try (NDManager m = manager.newSubManager()) {
            NDArray x = subset.train(m).standardize(s).x();
            assertEquals(0.0, x.mean().getFloat(), 1e-4);
            assertEquals(1.0, Math.sqrt(x.pow(2).mean().getFloat()), 1e-4);
        }
    }

    @Test
    void theFittedMeanIsTheMeanOfScaledPixels() {
        byte[] pixels = subset.testImages();
        double mean = 0;
        for (byte p : pixels) {
            mean += (p & 0xFF) / 255.0;
        }
        mean /= pixels.length;
        assertEquals(mean, Standardization.fit(pixels).mean(), 1e-12);
    }

    @Test
    void targetsOfAnyShapeGatherAsWholeRows() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.arange(0f, 12f).reshape(4, 3);
            NDArray y = m.arange(0f, 8f).reshape(4, 2).mul(10);
            TensorDataset data = TensorDataset.of(x, y, 0);
            assertEquals(3, data.features());
            assertEquals(4, data.size());
            try (NDManager step = m.newSubManager()) {
                NDList batch = data.batch(step, new int[] {3, 1, 3});
                assertEquals(new Shape(3, 2), batch.get(1).getShape());
                assertEquals(
                        List.of(60f, 70f, 20f, 30f, 60f, 70f), asList(batch.get(1).toFloatArray()));
                assertEquals(
                        List.of(9f, 10f, 11f, 3f, 4f, 5f, 9f, 10f, 11f),
                        asList(batch.get(0).toFloatArray()));
            }
            NDArray tokens = m.arange(0, 8).reshape(4, 2).toType(DataType.INT64, false);
            TensorDataset lm = TensorDataset.of(m.zeros(new Shape(4, 2)), tokens, 5);
            try (NDManager step = m.newSubManager()) {
                NDArray by = lm.batch(step, new int[] {2}).get(1);
                assertEquals(DataType.INT64, by.getDataType());
                assertEquals(new Shape(1, 2), by.getShape());
                assertEquals(List.of(4L, 5L), List.of(by.getLong(0, 0), by.getLong(0, 1)));
            }
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TensorDataset.of(m.zeros(new Shape(4, 3)), m.zeros(new Shape(3)), 0));
        }
    }

    private static List<Float> asList(float[] values) {
        List<Float> out = new java.util.ArrayList<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
