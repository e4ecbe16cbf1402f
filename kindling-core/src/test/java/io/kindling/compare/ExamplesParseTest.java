package io.kindling.compare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kindling.train.Experiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped example parses: its model, init, optimizer, schedule and data expressions resolve
 * to a training spec (each variant's, for a comparison). Nothing is loaded or trained, so a typo in
 * an example that no effect test trains still fails here rather than in a user's hands.
 */
class ExamplesParseTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyShippedExampleResolvesToTrainingSpecs() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.size() < 20, "read the examples: " + files);
        for (Path file : files) {
            Map<String, Object> yaml = Experiment.readYaml(file);
            if (yaml.containsKey("search")) {
                continue; // a tune study: its search space is checked by the tune tests
            }
            if (yaml.containsKey("variants")) {
                List<Variant> variants = Variants.of(yaml, Map.of(), List.of());
                assertFalse(variants.isEmpty(), file + " has no variants");
            } else {
                assertNotNull(Experiment.fromYaml(file).resolve(), file.toString());
            }
        }
    }
}
