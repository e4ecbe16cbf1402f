package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.testing.Effect;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped CSV example trains end to end and saves its fitted preprocessing. */
class TabularTrainingTest {

    @TempDir Path tmp;

    static Map<String, Object> iris() {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Map<String, Object> m =
                new LinkedHashMap<>(Experiment.readYaml(examples.resolve("iris.yaml")));
        m.put("data", "csv(path='" + examples.resolve("data/iris.csv") + "', target=species)");
        m.put("threads", Effect.threads());
        return m;
    }

    @Test
    @Tag("effect")
    void irisTrainsToHighAccuracyAndTheRunSavesItsNormalization() throws Exception {
        Path out = tmp.resolve("iris");
        TrainResult r = TrainRun.execute(new Experiment(iris()).resolve(), out, List.of());
        TrainSpec spec = new Experiment(iris()).resolve();
        Effect.checks("iris example")
                .atLeast(
                        "test accuracy",
                        Effect.perSeed(
                                2,
                                spec.execution().seed(),
                                r.test().accuracy(),
                                s ->
                                        TrainRun.execute(
                                                        spec.withSeed(s),
                                                        tmp.resolve("iris-" + s),
                                                        List.of())
                                                .test()
                                                .accuracy()),
                        0.9)
                .verify();
        assertEquals(30, r.test().examples());
        var data = new ObjectMapper().readTree(out.resolve("data.json").toFile());
        assertTrue(
                data.toString().contains("normalization")
                        && data.toString().contains("sepal_length"),
                data.toString());
    }

    @Test
    void augmentationOfATableIsRefused() {
        Map<String, Object> m = iris();
        m.put("augment", "augment(flip=0.5)");
        var e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        ConfigException.class, () -> new Trainer(new Experiment(m).resolve()));
        assertTrue(e.getMessage().contains("augment needs images"), e.getMessage());
    }
}
