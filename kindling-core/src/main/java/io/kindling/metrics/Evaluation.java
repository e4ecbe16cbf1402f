package io.kindling.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loss and accuracy of a model on one split.
 *
 * @param split the split's name, e.g. {@code test}
 * @param examples how many examples were scored
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 */
public record Evaluation(String split, long examples, double loss, double accuracy) {

    /** Flat metric names prefixed by the split: {@code test_loss}, {@code test_accuracy}. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(split + "_loss", loss);
        m.put(split + "_accuracy", accuracy);
        return m;
    }
}
