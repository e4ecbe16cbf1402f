package io.kindling.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import io.kindling.data.DataException;
import io.kindling.data.Datasets;
import io.kindling.data.TargetKind;
import io.kindling.data.TensorDataset;
import io.kindling.engine.Compute;
import io.kindling.nn.InputShape;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeriesDataTest {

    /** A ramp with a bend, so the whole series' mean differs from the training part's. */
    private static Series bent(int n) {
        double[] v = IntStream.range(0, n).mapToDouble(t -> t < n / 2 ? t : 2.0 * t).toArray();
        return new Series("bent", "test", v, List.of());
    }

    private static SeriesSpec spec(int window, int horizon, int stride, double val, double test) {
        return new SeriesSpec(
                new Sines(10, List.of(3.0), 0, 0),
                new Windows(window, horizon, stride),
                new ChronologicalSplit(val, test),
                1,
                true);
    }

    @Test
    void thePartsAreContiguousStretchesAndNoWindowOverlapsAnotherPartsTimeRange() {
        SeriesData d = SeriesData.of(spec(5, 2, 1, 0.1, 0.2), bent(100));
        assertArrayEquals(new int[] {70, 80}, d.bounds());
        int span = 7;
        for (int s : d.trainStarts()) {
            assertTrue(s >= 0 && s + span <= 70, "train window at " + s);
        }
        for (int s : d.validationStarts()) {
            assertTrue(s >= 70 && s + span <= 80, "validation window at " + s);
        }
        for (int s : d.testStarts()) {
            assertTrue(s >= 80 && s + span <= 100, "test window at " + s);
        }
        assertEquals(64, d.trainSize());
        assertEquals(4, d.validationSize());
        assertEquals(14, d.testSize());
        assertEquals(0, d.trainStarts()[0]);
        assertEquals(63, d.trainStarts()[63]);
        assertEquals(80, d.testStarts()[0]);
    }

    @Test
    void normalizationIsFittedOnTheTrainingPartOnly() {
        SeriesData d = SeriesData.of(spec(5, 1, 1, 0, 0.3), bent(100));
        double[] train = IntStream.range(0, 70).mapToDouble(t -> t < 50 ? t : 2.0 * t).toArray();
        double mean = java.util.Arrays.stream(train).average().orElseThrow();
        double var = java.util.Arrays.stream(train).map(v -> (v - mean) * (v - mean)).sum() / 70;
        @SuppressWarnings("unchecked")
        Map<String, Object> norm = (Map<String, Object>) d.preprocessing().get("normalization");
        assertEquals(mean, (double) norm.get("mean"), 1e-12);
        assertEquals(Math.sqrt(var), (double) norm.get("std"), 1e-12);
        double whole = IntStream.range(0, 100).mapToDouble(t -> t < 50 ? t : 2.0 * t).sum() / 100;
        assertNotEquals(whole, mean, 1.0);
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            TensorDataset test = d.test(m);
            assertEquals(new Shape(25, 5), test.x().getShape());
            assertEquals(new Shape(25, 1), test.y().getShape());
            assertEquals(DataType.FLOAT32, test.y().getDataType());
            // the first test window starts at value 70 (= 140 in the bent series)
            assertEquals((140 - mean) / Math.sqrt(var), test.x().getFloat(0, 0), 1e-5);
            assertEquals((2.0 * 75 - mean) / Math.sqrt(var), test.y().getFloat(0, 0), 1e-5);
        }
    }

    @Test
    void aForecastDatasetSaysItsShapeAndTargetKind() {
        SeriesData d = SeriesData.of(spec(6, 3, 1, 0, 0.25), bent(80));
        assertEquals(TargetKind.VALUES, d.targetKind());
        assertEquals(3, d.outputs());
        assertEquals(InputShape.sequence(6, 1), d.inputShape());
        assertEquals(6, d.features());
    }

    @Test
    void aValidationHoldOutIsCarvedInTimeFromTheEndOfTheTrainingPart() {
        SeriesData d = SeriesData.of(spec(5, 1, 1, 0, 0.2), bent(100));
        SeriesData v = d.withValidation(new int[90], new int[10]);
        assertArrayEquals(new int[] {72, 80}, v.bounds());
        for (int s : v.trainStarts()) {
            assertTrue(s + 6 <= 72, "train window at " + s);
        }
        assertArrayEquals(d.testStarts(), v.testStarts());
    }

    @Test
    void aWindowLongerThanTheSeriesIsRefusedNamingBoth() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> SeriesData.of(spec(120, 1, 1, 0, 0.2), bent(100)));
        assertTrue(
                e.getMessage().contains("has 100 values, fewer than window=120 + horizon=1"),
                e.getMessage());
    }

    @Test
    void aWindowThatFitsTheSeriesButNotItsTestPartIsRefused() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> SeriesData.of(spec(30, 1, 1, 0, 0.2), bent(100)));
        assertTrue(
                e.getMessage()
                        .contains(
                                "the test part (values 80 to 99, 20 values) is shorter"
                                        + " than window=30 + horizon=1 = 31"),
                e.getMessage());
    }

    @Test
    void aHorizonOfZeroIsRefusedBeforeAnythingIsRead() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Datasets.REGISTRY.parse("sines(window=8, horizon=0)"));
        assertTrue(e.getMessage().contains("no targets"), e.getMessage());
    }

    @Test
    void aSeasonLongerThanTheWindowIsRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Datasets.REGISTRY.parse("sines(window=8, season=24)"));
        assertTrue(e.getMessage().contains("season=24"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, window=8]"), e.getMessage());
    }

    @Test
    void everyForecastExpressionRoundTrips() {
        for (String text :
                List.of(
                        "series(path='examples/data/seattle-weather.csv', column=temp_max,"
                                + " time=date, window=28, horizon=7, stride=2, validation=0.1,"
                                + " test=0.2, season=7, normalize=false)",
                        "sines(length=500, periods=[12, 40.5], noise=0.2, seed=3, window=24)",
                        "mackey-glass(length=1000, tau=30, sample=6, seed=1, window=16)")) {
            SeriesSpec s = (SeriesSpec) Datasets.REGISTRY.parse(text);
            assertEquals(s, Datasets.REGISTRY.parse(s.print()), s.print());
        }
    }

    @Test
    void foldsOfASeriesAreRefused() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                Datasets.REGISTRY
                                        .parse("fold(data=sines(length=300, window=8), k=1)")
                                        .load());
        assertTrue(e.getMessage().contains("is a time series"), e.getMessage());
    }
}
