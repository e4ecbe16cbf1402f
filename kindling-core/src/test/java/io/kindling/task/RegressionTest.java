package io.kindling.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.data.TensorDataset;
import io.kindling.data.series.ChronologicalSplit;
import io.kindling.data.series.Forecast;
import io.kindling.data.series.Series;
import io.kindling.data.series.SeriesData;
import io.kindling.data.series.SeriesSpec;
import io.kindling.data.series.Sines;
import io.kindling.data.series.Windows;
import io.kindling.engine.Compute;
import io.kindling.metrics.RegressionErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionTest {

    /**
     * 0 3 1 4 2 | 5 3 6 4 7 with window 2, horizon 1, season 2 and no normalization: the test
     * windows are (5 3 → 6), (3 6 → 4), (6 4 → 7). Naive forecasts 3, 6, 4 miss by 3, −2, 3 (MAE
     * 8/3, MSE 22/3); seasonal-naive 5, 3, 6 miss by 1, 1, 1. The training part's mean absolute
     * difference two steps apart is |1−0|, |4−3|, |2−1| → 1, MASE's scale.
     */
    private static SeriesData tiny() {
        SeriesSpec spec =
                new SeriesSpec(
                        new Sines(10, List.of(3.0), 0, 0),
                        new Windows(2, 1, 1),
                        new ChronologicalSplit(0, 0.5),
                        2,
                        false);
        return SeriesData.of(
                spec,
                new Series("tiny", "test", new double[] {0, 3, 1, 4, 2, 5, 3, 6, 4, 7}, List.of()));
    }

    @Test
    void theBaselinesErrorsMatchAHandComputation() {
        SeriesData d = tiny();
        Forecast f = d.forecast();
        assertEquals(1.0, f.maseScale(), 1e-12);
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            TensorDataset test = d.test(m);
            NDList batch = test.batch(m, new int[] {0, 1, 2});
            RegressionErrors naive = new RegressionErrors();
            naive.add(Regression.pick(batch.get(0), f.naiveSteps()), batch.get(1));
            RegressionErrors seasonal = new RegressionErrors();
            seasonal.add(Regression.pick(batch.get(0), f.seasonalNaiveSteps()), batch.get(1));
            assertEquals(8.0 / 3, naive.mae(), 1e-6);
            assertEquals(22.0 / 3, naive.mse(), 1e-6);
            assertEquals(8.0 / 3, naive.mase(f.maseScale()), 1e-6);
            assertEquals(1.0, seasonal.mae(), 1e-6);
            assertEquals(1.0, seasonal.mse(), 1e-6);
            assertEquals(1.0, seasonal.mase(f.maseScale()), 1e-6);
        }
    }

    @Test
    void theSeasonalNaiveForecastRepeatsTheValueOneOrMoreSeasonsBack() {
        // window 6, season 3, horizon 5: steps h = 1..3 repeat positions 3, 4, 5 (one season
        // back from t+h), h = 4, 5 repeat 3, 4 again (two seasons back)
        Forecast f = new Forecast(6, 5, 3, 1);
        assertEquals(
                List.of(3, 4, 5, 3, 4),
                java.util.Arrays.stream(f.seasonalNaiveSteps()).boxed().toList());
        assertEquals(
                List.of(5, 5, 5, 5, 5), java.util.Arrays.stream(f.naiveSteps()).boxed().toList());
    }

    @Test
    void theLossIsTheMeanSquaredError() {
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray out = m.create(new float[] {1, 2, 3, 4}).reshape(2, 2);
            NDArray y = m.create(new float[] {0, 2, 5, 4}).reshape(2, 2);
            assertEquals(1.25f, new Regression(null).trainingLoss(out, y).getFloat(), 1e-6);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new Regression(null).loss(out, m.create(new float[] {1, 2})));
            assertTrue(e.getMessage().contains("one output per target value"), e.getMessage());
        }
    }

    @Test
    void labelSmoothingOnARegressionIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Tasks.forData(tiny(), 0.1));
        assertTrue(
                e.getMessage().startsWith("label_smoothing=0.1 applies to classification"),
                e.getMessage());
        assertEquals(new Regression(tiny().forecast()), Tasks.forData(tiny(), 0));
    }
}
