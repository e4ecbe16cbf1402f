package io.kindling.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.data.series.Forecast;
import io.kindling.metrics.Evaluation;
import io.kindling.metrics.RegressionErrors;
import io.kindling.nn.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression onto real-valued targets {@code (N, K)}: the model outputs K values per example and
 * the loss is the mean squared error {@code Σ (ŷ − y)² / (B·K)} (PyTorch's {@code nn.MSELoss}). A
 * split is scored by RMSE (the headline), MSE, MAE and R² ({@link RegressionErrors}).
 *
 * <p>For a forecast ({@code forecast} not null) the split is also scored by MASE (Hyndman &amp;
 * Koehler 2006) and the same errors of the naive and seasonal-naive forecasts read off each window
 * ({@link Forecast}) are reported beside the model's ({@code naive_rmse}, {@code
 * seasonal_naive_mase}, …; the seasonal-naive ones only when the season is above 1, where they
 * differ): a forecaster is only worth its training if it beats them.
 *
 * @param forecast how to read the baselines off a window, or null for a plain regression
 */
public record Regression(Forecast forecast) implements Task {

    @Override
    public String name() {
        return forecast == null ? "regression" : "forecast";
    }

    @Override
    public NDArray trainingLoss(NDArray output, NDArray targets) {
        return loss(output, targets);
    }

    @Override
    public NDArray loss(NDArray output, NDArray targets) {
        if (output.size() != targets.size()) {
            throw new IllegalArgumentException(
                    "the model outputs "
                            + output.getShape()
                            + " but the targets are "
                            + targets.getShape()
                            + "; a regression needs one output per target value");
        }
        return output.sub(targets.reshape(output.getShape())).square().mean();
    }

    @Override
    public Evaluation evaluate(
            Model model, ParameterStore store, TensorDataset data, String split, NDManager root) {
        return BatchedEvaluation.run(
                model, store, data, split, root, BatchedEvaluation.EXAMPLES, new Errors());
    }

    /** The model's errors and, for a forecast, its baselines', accumulated in double. */
    private final class Errors implements BatchedEvaluation.Accumulator {

        private final RegressionErrors errors = new RegressionErrors();
        private final RegressionErrors naive = new RegressionErrors();
        private final RegressionErrors seasonal = new RegressionErrors();

        @Override
        public void add(NDArray x, NDArray output, NDArray y) {
            errors.add(output, y);
            if (forecast != null) {
                naive.add(pick(x, forecast.naiveSteps()), y);
                if (forecast.season() > 1) {
                    seasonal.add(pick(x, forecast.seasonalNaiveSteps()), y);
                }
            }
        }

        @Override
        public Evaluation result(String split, int examples) {
            Map<String, Double> m = new LinkedHashMap<>();
            put(m, "", errors);
            if (forecast != null) {
                put(m, "naive_", naive);
                if (forecast.season() > 1) {
                    put(m, "seasonal_naive_", seasonal);
                }
            }
            return Evaluation.ofMeasures(split, examples, errors.mse(), m);
        }
    }

    @Override
    public List<String> metricNames(String split) {
        List<String> names = new ArrayList<>();
        names.add(split + "_loss");
        List<String> rows = new ArrayList<>(List.of(""));
        if (forecast != null) {
            rows.add("naive_");
            if (forecast.season() > 1) {
                rows.add("seasonal_naive_");
            }
        }
        for (String row : rows) {
            for (String measure : List.of("rmse", "mse", "mae", "r2")) {
                names.add(split + "_" + row + measure);
            }
            if (forecast != null) {
                names.add(split + "_" + row + "mase");
            }
        }
        return names;
    }

    /** Every metric a regression or forecast of {@code split} may log. */
    public static List<String> allNames(String split) {
        return new Regression(new Forecast(2, 1, 2, 1)).metricNames(split);
    }

    private void put(Map<String, Double> m, String prefix, RegressionErrors e) {
        m.put(prefix + "rmse", e.rmse());
        m.put(prefix + "mse", e.mse());
        m.put(prefix + "mae", e.mae());
        m.put(prefix + "r2", e.r2());
        if (forecast != null) {
            m.put(prefix + "mase", e.mase(forecast.maseScale()));
        }
    }

    /** The columns {@code steps} of the inputs {@code (B, window)}, as {@code (B, horizon)}. */
    static NDArray pick(NDArray x, int[] steps) {
        List<NDArray> columns = new ArrayList<>();
        for (int s : steps) {
            columns.add(x.get(new NDIndex(":, {}", s)));
        }
        return NDArrays.stack(new NDList(columns), 1);
    }
}
