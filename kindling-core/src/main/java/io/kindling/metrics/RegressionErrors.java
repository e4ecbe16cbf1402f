package io.kindling.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The errors of real-valued predictions, accumulated batch by batch: for predictions {@code ŷ} and
 * targets {@code y} of shape {@code (N, K)} (K values per example, e.g. the steps of a forecast),
 *
 * <pre>
 * MSE  = Σ (ŷ − y)² / (N·K)          MAE = Σ |ŷ − y| / (N·K)
 * RMSE = mean over k of √(Σᵢ (ŷᵢₖ − yᵢₖ)² / N)
 * R²   = mean over k of 1 − Σᵢ (ŷᵢₖ − yᵢₖ)² / Σᵢ (yᵢₖ − ȳₖ)²
 * MASE = MAE / scale,  scale = mean |yₜ − yₜ₋ₘ| over the training series (Forecast.seasonalScale)
 * </pre>
 *
 * as scikit-learn's {@code mean_squared_error}, {@code mean_absolute_error}, {@code
 * root_mean_squared_error} and {@code r2_score} (multioutput {@code uniform_average}; a column with
 * constant targets scores 1 when predicted exactly, else 0, as sklearn's {@code force_finite}).
 * MASE is Hyndman &amp; Koehler's (2006, "Another look at measures of forecast accuracy", Int. J.
 * Forecasting 22(4)) mean absolute scaled error with the in-sample seasonal-naive scale of period
 * {@code m}: below 1 the forecast beats the seasonal-naive one on the training data.
 *
 * <p>The sums are taken on the engine per batch and kept in double precision.
 */
public final class RegressionErrors {

    private long count;
    private double squared;
    private double absolute;
    private double[] squaredByColumn;
    private double[] sumByColumn;
    private double[] sumSquaresByColumn;

    /**
     * Adds a batch.
     *
     * @param predicted {@code (B, K)} or any shape with as many values as {@code target}
     * @param target the targets
     * @throws IllegalArgumentException if the sizes differ
     */
    public void add(NDArray predicted, NDArray target) {
        if (predicted.size() != target.size()) {
            throw new IllegalArgumentException(
                    "predictions "
                            + predicted.getShape()
                            + " and targets "
                            + target.getShape()
                            + " differ in size");
        }
        long rows = target.getShape().dimension() == 0 ? 1 : target.getShape().get(0);
        try (NDArray p = predicted.toType(DataType.FLOAT64, false).reshape(rows, -1);
                NDArray y = target.toType(DataType.FLOAT64, false).reshape(rows, -1);
                NDArray err = p.sub(y);
                NDArray sq = err.square();
                NDArray sqCol = sq.sum(new int[] {0});
                NDArray abs = err.abs();
                NDArray absSum = abs.sum();
                NDArray yCol = y.sum(new int[] {0});
                NDArray y2 = y.square();
                NDArray y2Col = y2.sum(new int[] {0})) {
            double[] sqc = sqCol.toDoubleArray();
            if (squaredByColumn == null) {
                squaredByColumn = new double[sqc.length];
                sumByColumn = new double[sqc.length];
                sumSquaresByColumn = new double[sqc.length];
            }
            double[] yc = yCol.toDoubleArray();
            double[] y2c = y2Col.toDoubleArray();
            for (int k = 0; k < sqc.length; k++) {
                squaredByColumn[k] += sqc[k];
                sumByColumn[k] += yc[k];
                sumSquaresByColumn[k] += y2c[k];
                squared += sqc[k];
            }
            absolute += absSum.getDouble();
            count += rows;
        }
    }

    /** Examples added. */
    public long count() {
        return count;
    }

    private long values() {
        return count * (squaredByColumn == null ? 0 : squaredByColumn.length);
    }

    /** Mean squared error. */
    public double mse() {
        return squared / values();
    }

    /** Mean absolute error. */
    public double mae() {
        return absolute / values();
    }

    /**
     * Root mean squared error of each target column, averaged over the columns (scikit-learn's
     * {@code multioutput='uniform_average'}); {@code √MSE} for a single column.
     */
    public double rmse() {
        double sum = 0;
        for (double s : squaredByColumn) {
            sum += Math.sqrt(s / count);
        }
        return sum / squaredByColumn.length;
    }

    /** R², averaged uniformly over the target columns. */
    public double r2() {
        double sum = 0;
        for (int k = 0; k < squaredByColumn.length; k++) {
            double mean = sumByColumn[k] / count;
            double total = Math.max(0, sumSquaresByColumn[k] - count * mean * mean);
            if (total == 0) {
                sum += squaredByColumn[k] == 0 ? 1 : 0;
            } else {
                sum += 1 - squaredByColumn[k] / total;
            }
        }
        return sum / squaredByColumn.length;
    }

    /**
     * Mean absolute scaled error.
     *
     * @param scale the training series' mean absolute seasonal difference, {@code > 0}
     */
    public double mase(double scale) {
        return mae() / scale;
    }
}
