package io.kindling.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A comparison's {@code summary.json} as Java objects: one {@link Variant} per variant, in the
 * order they ran.
 *
 * <pre>{@code
 * for (ComparisonSummary.Variant v : ComparisonSummary.read(Path.of("runs/he/summary.json"))) {
 *     System.out.printf("%s %.3f %s%n", v.label(), v.score(), v.verdict());
 * }
 * }</pre>
 *
 * @param variants the variants
 */
public record ComparisonSummary(List<Variant> variants) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() {};

    public ComparisonSummary {
        variants = List.copyOf(variants);
    }

    /**
     * One variant's results over its seeds, e.g. {@code summary.variant("xavier_normal").verdict()}
     * is {@code "vanishing"} on a 30-layer ReLU MLP.
     *
     * @param label its label
     * @param config its resolved configuration (keys → values, as its runs' {@code config.yaml})
     * @param seeds how many seeds ran
     * @param scoreName what was scored ({@code test_accuracy}, or {@code test_rmse} for regression)
     * @param score the score's mean over seeds (NaN when no seed scored)
     * @param scoreMin its minimum over seeds
     * @param scoreMax its maximum over seeds
     * @param finalTrainLoss the mean training loss at the end
     * @param diverged whether any seed diverged
     * @param verdict the diagnosis at initialization ({@code healthy}, {@code vanishing}, …)
     * @param advice what the diagnosis advises
     */
    public record Variant(
            String label,
            Map<String, Object> config,
            int seeds,
            String scoreName,
            double score,
            double scoreMin,
            double scoreMax,
            double finalTrainLoss,
            boolean diverged,
            String verdict,
            String advice) {}

    /**
     * Reads {@code summary.json} as {@code kindling compare} or {@link Kindling#compare} wrote it.
     */
    public static ComparisonSummary read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : root.path("variants")) {
            String scoreName = v.has("test_accuracy") ? "test_accuracy" : scoreName(v);
            variants.add(
                    new Variant(
                            v.path("label").asText(),
                            JSON.convertValue(v.path("config"), CONFIG),
                            v.path("seeds").asInt(),
                            scoreName,
                            number(v.path(scoreName)),
                            number(v.path(scoreName + "_min")),
                            number(v.path(scoreName + "_max")),
                            number(v.path("final_train_loss")),
                            v.path("diverged").asBoolean(),
                            v.path("verdict").path("kind").asText(),
                            v.path("verdict").path("advice").asText()));
        }
        return new ComparisonSummary(variants);
    }

    /** The variant with this label. */
    public Variant variant(String label) {
        return variants.stream()
                .filter(v -> v.label().equals(label))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "No variant '"
                                                + label
                                                + "'; the summary holds "
                                                + variants.stream().map(Variant::label).toList()));
    }

    /** The score's name: the key with {@code _min} and {@code _max} siblings. */
    private static String scoreName(JsonNode v) {
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (v.has(name + "_min") && v.has(name + "_max")) {
                return name;
            }
        }
        return "test_accuracy";
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
