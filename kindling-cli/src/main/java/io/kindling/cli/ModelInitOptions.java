package io.kindling.cli;

import io.kindling.train.Experiment;
import io.kindling.train.TrainSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of commands that look at a model at initialization ({@code plan},
 * {@code diagnose}): an optional experiment file and the keys that override it.
 */
final class ModelInitOptions {

    @Parameters(arity = "0..1", paramLabel = "EXPERIMENT.yaml",
            description = "Experiment file; its model, init (expression or rules), data, seed"
                    + " and batch are used.")
    Path experiment;

    @Option(names = "--model", paramLabel = "EXPR", description = "Model expression.")
    String model;

    @Option(names = "--init", paramLabel = "EXPR", description = "Initializer for every weight.")
    String init;

    @Option(names = "--data", paramLabel = "EXPR",
            description = "Dataset (input size, classes and the batch of real data).")
    String data;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default 0).")
    Integer seed;

    @Option(names = "--batch", paramLabel = "B", description = "Examples in the batch of real"
            + " data (plan: 128; diagnose: 256).")
    Integer batch;

    /** The resolved run: the file (if any) with the options over it. */
    TrainSpec resolve(int defaultBatch) {
        Experiment base = experiment == null ? new Experiment(Map.of())
                : Experiment.fromYaml(experiment);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("model", model);
        overrides.put("init", init);
        overrides.put("data", data);
        overrides.put("seed", seed);
        overrides.put("batch", batch == null && !base.values().containsKey("batch")
                ? Integer.valueOf(defaultBatch) : batch);
        return base.overriddenBy(overrides).resolve();
    }
}
