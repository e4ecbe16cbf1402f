package io.kindling.compare;

import io.kindling.diagnose.BlockStats;
import io.kindling.diagnose.LayerStats;
import io.kindling.diagnose.Verdict;
import java.util.List;
import java.util.Map;

/**
 * A variant's outcome over its seeds, as {@code summary.json} holds it.
 *
 * @param label the variant's name
 * @param config the resolved configuration
 * @param seeds the seeds run
 * @param finalTrainLoss mean training loss over the last 10% of logged steps, averaged over seeds
 *     (NaN when diverged)
 * @param testAccuracy mean over seeds of the test score named by {@code score}: accuracy for
 *     classification, RMSE for a regression or forecast
 * @param testAccuracyStd its std over seeds
 * @param diverged whether any seed hit a non-finite loss or failed
 * @param lossCurve {@code [[step, loss], ...]}, the mean over seeds
 * @param initLayers per-layer statistics at initialization (first seed)
 * @param verdict the diagnosis at initialization
 * @param failure why a seed failed, or null
 * @param lossBand {@code [[step, min, max], ...]} over seeds
 * @param runs each seed's own final loss and accuracy, in seed order
 * @param initBlocks the residual stream after each block at initialization (first seed; empty for
 *     models without residual blocks)
 * @param score the metric {@code testAccuracy} holds, {@code test_accuracy} or {@code test_rmse}
 */
public record VariantResult(
        String label,
        Map<String, Object> config,
        List<Long> seeds,
        double finalTrainLoss,
        double testAccuracy,
        double testAccuracyStd,
        boolean diverged,
        List<double[]> lossCurve,
        List<LayerStats> initLayers,
        Verdict verdict,
        String failure,
        List<double[]> lossBand,
        List<SeedRun> runs,
        List<BlockStats> initBlocks,
        String score) {

    /** A classification's result, scored by test accuracy. */
    public VariantResult(
            String label,
            Map<String, Object> config,
            List<Long> seeds,
            double finalTrainLoss,
            double testAccuracy,
            double testAccuracyStd,
            boolean diverged,
            List<double[]> lossCurve,
            List<LayerStats> initLayers,
            Verdict verdict,
            String failure,
            List<double[]> lossBand,
            List<SeedRun> runs,
            List<BlockStats> initBlocks) {
        this(
                label,
                config,
                seeds,
                finalTrainLoss,
                testAccuracy,
                testAccuracyStd,
                diverged,
                lossCurve,
                initLayers,
                verdict,
                failure,
                lossBand,
                runs,
                initBlocks,
                "test_accuracy");
    }

    /** Lowest test accuracy over the seeds that finished (NaN if none). */
    public double testAccuracyMin() {
        return runs.stream()
                .mapToDouble(SeedRun::testAccuracy)
                .filter(Double::isFinite)
                .min()
                .orElse(Double.NaN);
    }

    /** Highest test accuracy over the seeds that finished (NaN if none). */
    public double testAccuracyMax() {
        return runs.stream()
                .mapToDouble(SeedRun::testAccuracy)
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
    }
}
