package io.kindling.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss and accuracy of a model on one split.
 *
 * @param split the split's name, e.g. {@code test}
 * @param examples how many examples were scored
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 * @param top5Accuracy fraction whose class is among the five highest logits
 * @param confusion the confusion matrix (per-class precision, recall, F1 derive from it)
 * @param extra task-specific metrics by name without the split prefix (a language model's {@code
 *     perplexity}, {@code bits_per_token}), in order
 */
public record Evaluation(
        String split,
        long examples,
        double loss,
        double accuracy,
        double top5Accuracy,
        ConfusionMatrix confusion,
        Map<String, Double> extra) {

    public Evaluation {
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A classification's evaluation, with no extra metrics. */
    public Evaluation(
            String split,
            long examples,
            double loss,
            double accuracy,
            double top5Accuracy,
            ConfusionMatrix confusion) {
        this(split, examples, loss, accuracy, top5Accuracy, confusion, Map.of());
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
        m.put(split + "_accuracy", accuracy);
        m.put(split + "_top5_accuracy", top5Accuracy);
        var averages = confusion.averages();
        m.put(split + "_macro_f1", averages.get("macro")[2]);
        m.put(split + "_weighted_f1", averages.get("weighted")[2]);
        extra.forEach((k, v) -> m.put(split + "_" + k, v));
        return m;
    }
}
