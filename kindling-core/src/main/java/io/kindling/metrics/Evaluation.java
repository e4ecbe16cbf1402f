package io.kindling.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss and accuracy of a model on one split, or for a task that is not classification its loss and
 * its own measures (a regression's MSE, MAE, RMSE, R², …): then {@code accuracy} and {@code
 * top5Accuracy} are NaN and {@code confusion} is null.
 *
 * @param split the split's name, e.g. {@code test}
 * @param examples how many examples were scored
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 * @param top5Accuracy fraction whose class is among the five highest logits
 * @param confusion the confusion matrix (per-class precision, recall, F1 derive from it), or null
 *     when the task is not classification
 * @param measures the task's other metrics by name without the split prefix (e.g. {@code rmse}), in
 *     the order they are reported (a language model's {@code perplexity} and {@code bits_per_token}
 *     beside its accuracy); empty for plain classification
 */
public record Evaluation(
        String split,
        long examples,
        double loss,
        double accuracy,
        double top5Accuracy,
        ConfusionMatrix confusion,
        Map<String, Double> measures) {

    /** Copies the measures. */
    public Evaluation {
        measures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    /** A classification's evaluation. */
    public Evaluation(
            String split,
            long examples,
            double loss,
            double accuracy,
            double top5Accuracy,
            ConfusionMatrix confusion) {
        this(split, examples, loss, accuracy, top5Accuracy, confusion, Map.of());
    }

    /**
     * The evaluation of a task that is not classification: its loss and its own measures.
     *
     * @param measures metric name (without the split prefix) → value, in report order
     */
    public static Evaluation ofMeasures(
            String split, long examples, double loss, Map<String, Double> measures) {
        return new Evaluation(split, examples, loss, Double.NaN, Double.NaN, null, measures);
    }

    /** Whether this is a classification's evaluation (it has a confusion matrix). */
    public boolean isClassification() {
        return confusion != null;
    }

    /**
     * The number that sums up the evaluation for a one-line summary: accuracy for classification,
     * else the first measure (e.g. a regression's RMSE), else the loss.
     *
     * @return {@code {name without prefix, value}}
     */
    public Map.Entry<String, Double> headline() {
        if (isClassification()) {
            return Map.entry("accuracy", accuracy);
        }
        return measures.isEmpty() ? Map.entry("loss", loss) : measures.entrySet().iterator().next();
    }

    /** The metric names an evaluation of {@code split} logs, e.g. {@code test_loss}. */
    public static List<String> names(String split) {
        return List.of(
                split + "_loss",
                split + "_accuracy",
                split + "_top5_accuracy",
                split + "_macro_f1",
                split + "_weighted_f1");
    }

    /** Flat metric names prefixed by the split: {@code test_loss}, {@code test_accuracy}. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(split + "_loss", loss);
        if (confusion != null) {
            m.put(split + "_accuracy", accuracy);
            m.put(split + "_top5_accuracy", top5Accuracy);
            var averages = confusion.averages();
            m.put(split + "_macro_f1", averages.get("macro")[2]);
            m.put(split + "_weighted_f1", averages.get("weighted")[2]);
        }
        measures.forEach((k, v) -> m.put(split + "_" + k, v));
        return m;
    }
}
