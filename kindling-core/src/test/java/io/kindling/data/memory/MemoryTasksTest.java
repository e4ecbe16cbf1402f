package io.kindling.data.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import io.kindling.data.Datasets;
import io.kindling.data.TargetKind;
import io.kindling.data.TensorDataset;
import io.kindling.engine.Compute;
import io.kindling.nn.InputShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTasksTest {

    @Test
    void everyAddingExampleHasOneMarkerInEachHalfAndTargetsTheirSum() {
        int steps = 50;
        SequenceData d = new AddingProblem(steps, 2000, 10, 3).load();
        assertEquals(InputShape.sequence(steps, 2), d.inputShape());
        assertEquals(TargetKind.VALUES, d.targetKind());
        assertEquals(1, d.outputs());
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            TensorDataset train = d.train(m);
            assertEquals(new Shape(2000, 100), train.x().getShape());
            assertEquals(new Shape(2000, 1), train.y().getShape());
            float[] x = train.x().toFloatArray();
            float[] y = train.y().toFloatArray();
            int[] firstHalf = new int[steps];
            for (int i = 0; i < 2000; i++) {
                int marks = 0;
                double sum = 0;
                for (int t = 0; t < steps; t++) {
                    float u = x[i * 2 * steps + 2 * t];
                    float mark = x[i * 2 * steps + 2 * t + 1];
                    assertTrue(u >= 0 && u < 1);
                    assertTrue(mark == 0 || mark == 1);
                    if (mark == 1) {
                        marks++;
                        sum += u;
                        firstHalf[t]++;
                    }
                }
                assertEquals(2, marks, "example " + i);
                assertEquals(sum, y[i], 1e-6);
            }
            int early = 0;
            for (int t = 0; t < steps / 2; t++) {
                early += firstHalf[t];
            }
            assertEquals(2000, early, "exactly one marker in the first half of each example");
        }
    }

    @Test
    void alwaysPredictingOneScoresTheTrivialMse() {
        SequenceData d = new AddingProblem(20, 20000, 10, 0).load();
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] y = d.train(m).y().toFloatArray();
            double mse = 0;
            for (float v : y) {
                mse += (v - 1) * (v - 1);
            }
            mse /= y.length;
            // SE of the mean of (s − 1)² over 20000 triangular sums ≈ 0.0014; 4 SE
            assertEquals(AddingProblem.TRIVIAL_MSE, mse, 0.006);
        }
    }

    @Test
    void theTasksAreTheSameForASeedAndDifferAcrossSeeds() {
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] a = new AddingProblem(10, 50, 5, 1).load().train(m).x().toFloatArray();
            assertArrayEquals(
                    a, new AddingProblem(10, 50, 5, 1).load().train(m).x().toFloatArray());
            assertFalse(
                    java.util.Arrays.equals(
                            a, new AddingProblem(10, 50, 5, 2).load().train(m).x().toFloatArray()));
            float[] c = new CopyTask(3, 5, 4, 20, 5, 1).load().test(m).x().toFloatArray();
            assertArrayEquals(c, new CopyTask(3, 5, 4, 20, 5, 1).load().test(m).x().toFloatArray());
        }
    }

    @Test
    void theCopyTaskShowsSymbolsThenBlanksAndADelimiterAndAsksForTheSymbolsBack() {
        int length = 3;
        int delay = 5;
        int alphabet = 4;
        CopyTask task = new CopyTask(length, delay, alphabet, 100, 10, 7);
        int steps = task.steps();
        assertEquals(11, steps);
        SequenceData d = task.load();
        assertEquals(InputShape.sequence(steps, alphabet + 2), d.inputShape());
        assertEquals(TargetKind.STEP_CLASSES, d.targetKind());
        assertEquals(alphabet + 1, d.outputs());
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            TensorDataset train = d.train(m);
            assertEquals(new Shape(100, steps), train.y().getShape());
            assertEquals(DataType.INT64, train.y().getDataType());
            float[] x = train.x().toFloatArray();
            long[] y = train.y().toLongArray();
            int width = alphabet + 2;
            for (int i = 0; i < 100; i++) {
                int[] input = new int[steps];
                for (int t = 0; t < steps; t++) {
                    int hot = -1;
                    for (int c = 0; c < width; c++) {
                        float v = x[(i * steps + t) * width + c];
                        assertTrue(v == 0 || v == 1);
                        if (v == 1) {
                            assertEquals(-1, hot, "one-hot at step " + t);
                            hot = c;
                        }
                    }
                    input[t] = hot;
                }
                for (int t = 0; t < steps; t++) {
                    long want = t >= delay + length ? input[t - delay - length] : 0;
                    assertEquals(want, y[i * steps + t], "example " + i + " step " + t);
                    if (t < length) {
                        assertTrue(input[t] >= 1 && input[t] <= alphabet);
                    } else if (t == length + delay - 1) {
                        assertEquals(alphabet + 1, input[t], "the delimiter");
                    } else {
                        assertEquals(0, input[t], "a blank at step " + t);
                    }
                }
            }
        }
    }

    @Test
    void theCopyTasksMemorylessBaselineIsArjovskysEntropy() {
        // S·ln(A) / (T + 2S): 10·ln 8 / 120 for the paper's S = 10, A = 8, T = 100
        assertEquals(
                10 * Math.log(8) / 120, new CopyTask(10, 100, 8, 1, 1, 0).baselineLoss(), 1e-15);
        assertEquals(0.17329, new CopyTask(10, 100, 8, 1, 1, 0).baselineLoss(), 1e-5);
    }

    @Test
    void expressionsRoundTripAndBadLengthsAreRefused() {
        for (String text :
                List.of(
                        "adding(steps=200, train=100, test=20, seed=4)",
                        "copy(length=5, delay=50, alphabet=6, train=100, test=20, seed=1)")) {
            var s = Datasets.REGISTRY.parse(text);
            assertEquals(s, Datasets.REGISTRY.parse(s.print()), s.print());
        }
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> Datasets.REGISTRY.parse("adding(steps=1)"));
        assertTrue(e.getMessage().contains("steps=1"), e.getMessage());
        assertTrue(e.getMessage().contains(">= 2"), e.getMessage());
    }
}
