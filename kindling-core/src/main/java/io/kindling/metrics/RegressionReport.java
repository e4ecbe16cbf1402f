package io.kindling.metrics;

import java.util.Locale;
import java.util.Map;

/**
 * A regression's evaluation as text: the model's RMSE, MSE, MAE, R² (and MASE for a forecast) in
 * one row, and the naive and seasonal-naive forecasts' in the rows below when the evaluation has
 * them, so the model is read against its baselines.
 */
public final class RegressionReport {

    private static final String[] COLUMNS = {"rmse", "mse", "mae", "r2", "mase"};
    private static final String[] ROWS = {"", "naive_", "seasonal_naive_"};

    private RegressionReport() {}

    /** Renders {@code e} (an evaluation without a confusion matrix). */
    public static String render(Evaluation e) {
        Map<String, Double> m = e.measures();
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "%s split: %,d examples, loss (MSE) %.4f%n%n",
                        e.split(),
                        e.examples(),
                        e.loss()));
        b.append(String.format(Locale.ROOT, "%-16s", ""));
        for (String c : COLUMNS) {
            if (m.containsKey(c)) {
                b.append(String.format(Locale.ROOT, " %10s", c));
            }
        }
        b.append(System.lineSeparator());
        for (String row : ROWS) {
            if (!m.containsKey(row + "rmse")) {
                continue;
            }
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-16s",
                            row.isEmpty() ? "model" : row.substring(0, row.length() - 1)));
            for (String c : COLUMNS) {
                if (m.containsKey(c)) {
                    b.append(String.format(Locale.ROOT, " %10.4f", m.get(row + c)));
                }
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }
}
