package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import io.kindling.data.FoldSpec;
import io.kindling.runfolder.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks {@link ConfigKey}'s table: every key is well formed, reads from YAML into a {@link
 * TrainSpec}, is written to {@code config.yaml} and reads back to the same spec; the table's
 * defaults, bounds and kinds are what resolution does.
 */
class ConfigKeyTest {

    /**
     * A value for every key, unlike its default, as an experiment file would hold it (with the
     * other keys it needs). A new key needs a line here.
     */
    static final Map<ConfigKey, String> SAMPLES =
            new EnumMap<>(
                    Map.ofEntries(
                            Map.entry(
                                    ConfigKey.MODEL,
                                    "model: mlp(depth=2, width=16, activation=tanh)"),
                            Map.entry(ConfigKey.INIT, "init: xavier_normal"),
                            Map.entry(ConfigKey.OPTIMIZER, "optimizer: adamw(lr=0.001)"),
                            Map.entry(
                                    ConfigKey.SCHEDULE,
                                    "schedule: \"warmup_cosine(warmup_steps=10, total_steps=100)\""),
                            Map.entry(
                                    ConfigKey.ON_PLATEAU,
                                    "on_plateau: reduce_on_plateau(factor=0.5)"),
                            Map.entry(
                                    ConfigKey.EARLY_STOPPING,
                                    "early_stopping: \"early_stopping(patience=2, restore_best=true)\""),
                            Map.entry(ConfigKey.DATA, "data: fashion-mnist(source=subset)"),
                            Map.entry(ConfigKey.EPOCHS, "epochs: 3"),
                            Map.entry(ConfigKey.STEPS, "steps: 20"),
                            Map.entry(ConfigKey.BATCH, "batch: 32"),
                            Map.entry(ConfigKey.SEED, "seed: 7"),
                            Map.entry(ConfigKey.OUT, "out: runs/elsewhere"),
                            Map.entry(
                                    ConfigKey.THREADS,
                                    "threads: " + (Runtime.getRuntime().availableProcessors() + 1)),
                            Map.entry(ConfigKey.INTEROP_THREADS, "interop_threads: 2"),
                            Map.entry(ConfigKey.LOG_EVERY, "log_every: 5"),
                            Map.entry(ConfigKey.ACCUMULATE, "accumulate: 4"),
                            Map.entry(ConfigKey.LABEL_SMOOTHING, "label_smoothing: 0.1"),
                            Map.entry(
                                    ConfigKey.NAN_POLICY,
                                    "nan_policy: rollback\ncheckpoint_every: 10"),
                            Map.entry(ConfigKey.STANDARDIZE, "standardize: true"),
                            Map.entry(ConfigKey.VALIDATION, "validation: 0.2"),
                            Map.entry(
                                    ConfigKey.VALIDATION_AUTO,
                                    "validation: 0.1\nvalidation_auto: true\n"
                                            + "early_stopping: early_stopping()"),
                            Map.entry(ConfigKey.MONITOR_TEST, "monitor_test: true"),
                            Map.entry(ConfigKey.CHECKPOINT_EVERY, "checkpoint_every: 50"),
                            Map.entry(ConfigKey.KEEP_LAST, "keep_last: 2"),
                            Map.entry(ConfigKey.KEEP_BEST, "keep_best: true"),
                            Map.entry(ConfigKey.TIME_LIMIT, "time_limit: 1h30m"),
                            Map.entry(ConfigKey.HISTOGRAM_EVERY, "histogram_every: 10"),
                            Map.entry(ConfigKey.EVAL_EVERY, "eval_every: 10"),
                            Map.entry(ConfigKey.AUGMENT, "augment: \"augment(pad=2, flip=0.5)\"")));

    @TempDir Path tmp;

    @Test
    void everyKeyHasASample() {
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(
                    SAMPLES.containsKey(k),
                    "add a sample value for " + k.key() + " to ConfigKeyTest.SAMPLES");
        }
    }

    @Test
    void everyKeyIsWellFormed() {
        Set<String> keys = new HashSet<>();
        Set<String> options = new HashSet<>();
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(k.key().matches("[a-z]+(_[a-z]+)*"), "snake_case: " + k.key());
            assertTrue(keys.add(k.key()), "declared twice: " + k.key());
            assertFalse(k.description().isBlank(), "no description: " + k.key());
            assertFalse(
                    k.description().contains("{default}"),
                    "default to fill in but none" + " given: " + k.key());
            assertNotNull(k.kind(), k.key());
            assertNotNull(k.group(), k.key());
            if (k.option() != null) {
                assertEquals("--" + k.key().replace('_', '-'), k.option(), "kebab-case option");
                assertTrue(options.add(k.option()), "option declared twice: " + k.option());
                assertEquals(
                        k.kind() == ConfigKey.Kind.BOOLEAN,
                        k.label() == null,
                        "a switch has no parameter label, any other option one: " + k.key());
            }
            assertEquals(
                    k.kind() == ConfigKey.Kind.EXPRESSION,
                    k.registry() != null,
                    "an expression names its registry: " + k.key());
            assertEquals(
                    k.kind() == ConfigKey.Kind.CHOICE,
                    !k.choices().isEmpty(),
                    "a choice lists its values: " + k.key());
            for (String choice : k.choices()) {
                assertTrue(
                        k.description().contains(choice),
                        k.key() + "'s help must name " + choice + ": " + k.description());
            }
            if (k.min() != null) {
                assertEquals(
                        ConfigKey.Kind.INTEGER,
                        k.kind(),
                        "only whole numbers have a" + " lower bound: " + k.key());
            }
            if (k.defaultValue() != null && k.kind() != ConfigKey.Kind.BOOLEAN) {
                assertTrue(
                        k.description().contains(k.defaultValue()),
                        "the help of "
                                + k.key()
                                + " names its default "
                                + k.defaultValue()
                                + ": "
                                + k.description());
            }
            assertEquals(k, ConfigKey.named(k.key()));
        }
        assertEquals(
                Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList(), Experiment.KEYS);
        assertNull(ConfigKey.named("modle"));
    }

    @Test
    void everyKeyRoundTripsThroughConfigYaml() throws Exception {
        Map<String, Object> defaults = resolve("{}").describe();
        for (ConfigKey k : ConfigKey.values()) {
            TrainSpec spec = resolve(SAMPLES.get(k));
            Map<String, Object> config = spec.describe();
            if (k.recorded()) {
                assertTrue(config.containsKey(k.key()), k.key() + " is recorded: " + config);
                assertNotEquals(
                        defaults.get(k.key()),
                        config.get(k.key()),
                        "the sample of " + k.key() + " changes what is recorded");
            } else {
                assertFalse(config.containsKey(k.key()), k.key() + " is not recorded");
            }
            assertEquals(
                    spec,
                    new Experiment(config).resolve(),
                    k.key() + ": describe() reads back through Experiment to the same spec");
            assertEquals(spec, spec.toBuilder().build(), k.key() + ": toBuilder() copies it");
            String text = configYaml(spec, k.key());
            TrainSpec again = resolveFile(text, k.key() + "-again");
            assertEquals(
                    spec, again, k.key() + ": config.yaml reads back to the same spec\n" + text);
            assertEquals(
                    text,
                    configYaml(again, k.key() + "-twice"),
                    k.key() + ": config.yaml is a fixed point");
        }
    }

    @Test
    void initRulesAndOptimizerGroupsRoundTrip() throws Exception {
        TrainSpec spec =
                resolve(
                        """
                init:
                  - {match: "name=layer1.*", init: xavier_normal}
                  - {match: "*", init: zeros}
                optimizer:
                  - {match: "role=bias", optimizer: "sgd(lr=0.1)"}
                  - {match: "*", optimizer: "adamw(lr=0.001)"}
                """);
        String text = configYaml(spec, "lists");
        assertEquals(spec, resolveFile(text, "lists-again"), text);
    }

    @Test
    void everyDefaultIsWhatAnAbsentKeyMeans() throws Exception {
        Map<String, Object> none = resolve("{}").describe();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.defaultValue() != null) {
                Map<String, Object> given =
                        new Experiment(Map.of(k.key(), k.defaultValue())).resolve().describe();
                assertEquals(none, given, k.key() + ": " + k.defaultValue());
            }
        }
    }

    @Test
    void everyKindIsCheckedWithItsOwnMessage() {
        for (ConfigKey k : ConfigKey.values()) {
            String expected =
                    switch (k.kind()) {
                        case INTEGER -> "Value " + k.key() + "=x must be a whole number";
                        case NUMBER -> "Value " + k.key() + "=x must be a number";
                        case BOOLEAN -> "Value " + k.key() + "=x must be true or false";
                        default -> null;
                    };
            if (expected != null) {
                Map<String, Object> values = new LinkedHashMap<>();
                if (k == ConfigKey.VALIDATION_AUTO) {
                    values.put("validation", 0.1); // read only next to a validation share
                }
                values.put(k.key(), "x");
                assertEquals(expected, error(values), k.key());
            }
            if (k.min() != null) {
                int below = k.min() - 1;
                assertEquals(
                        "Value " + k.key() + "=" + below + " must be >= " + k.min(),
                        error(Map.of(k.key(), below)),
                        k.key());
                new Experiment(Map.of(k.key(), k.min() == 0 ? 0 : k.min())).resolve();
            }
        }
    }

    @Test
    void unknownKeyListsEveryKeyInTableOrder() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> new Experiment(Map.of("modle", "mlp")));
        assertEquals(
                "Unknown experiment key 'modle'; accepted: " + String.join(", ", ConfigKey.keys()),
                e.getMessage());
    }

    /** config.yaml as it was written before the table (a run of every option), to the byte. */
    @Test
    void configYamlIsWrittenAsBefore() throws Exception {
        TrainSpec spec =
                resolve(
                        """
                model: mlp(depth=2, width=16)
                init: xavier_normal
                optimizer: adamw(lr=0.001)
                schedule: warmup_cosine(warmup_steps=1, total_steps=2)
                on_plateau: reduce_on_plateau(factor=0.5)
                early_stopping: early_stopping(patience=2)
                data: fashion-mnist(source=subset)
                steps: 2
                batch: 32
                seed: 3
                out: runs/x
                threads: 2
                interop_threads: 1
                log_every: 1
                accumulate: 2
                label_smoothing: 0.1
                nan_policy: rollback
                standardize: true
                checkpoint_every: 1
                keep_last: 2
                keep_best: true
                time_limit: 1h30m
                histogram_every: 1
                augment: augment(pad=2, flip=0.5)
                """);
        assertEquals(
                """
                model: "mlp(depth=2, width=16, activation=relu, dropout=0, norm=none)"
                init: xavier_normal(gain=1)
                optimizer: "adamw(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01, amsgrad=false)"
                schedule: "warmup_cosine(warmup_steps=1, total_steps=2, eta_min=0)"
                on_plateau: "reduce_on_plateau(monitor=val_loss, mode=min, factor=0.5, patience=10,\\
                  \\ threshold=1e-4, threshold_mode=rel, cooldown=0, min_lr=0)"
                early_stopping: "early_stopping(monitor=val_loss, mode=min, min_delta=0, patience=2,\\
                  \\ start_from=1, restore_best=false)"
                data: fashion-mnist(source=subset)
                steps: 2
                batch: 32
                seed: 3
                threads: 2
                interop_threads: 1
                log_every: 1
                accumulate: 2
                label_smoothing: 0.1
                nan_policy: rollback
                standardize: true
                validation: 0.1
                validation_auto: true
                checkpoint_every: 1
                keep_last: 2
                keep_best: true
                time_limit: 5400s
                histogram_every: 1
                augment: "augment(pad=2, flip=0.5, translate=0, noise=0)"
                """,
                configYaml(spec, "golden"));
        assertEquals(
                """
                model: "mlp(depth=1, width=8, activation=relu, dropout=0, norm=none)"
                init: "kaiming_normal(a=0, mode=fan_in, nonlinearity=leaky_relu)"
                optimizer: "sgd(lr=0.05, momentum=0.9, dampening=0, nesterov=false, weight_decay=0)"
                early_stopping: "early_stopping(monitor=test_loss, mode=min, min_delta=0, patience=3,\\
                  \\ start_from=1, restore_best=false)"
                data: fashion-mnist(source=subset)
                epochs: 1
                batch: 128
                seed: 0
                threads: 2
                interop_threads: 1
                log_every: 50
                accumulate: 1
                label_smoothing: 0.0
                nan_policy: stop
                standardize: false
                validation: 0.0
                monitor_test: true
                checkpoint_every: 0
                keep_last: 0
                keep_best: false
                histogram_every: 0
                """,
                configYaml(
                        resolve(
                                """
                model: mlp(depth=1, width=8)
                data: fashion-mnist(source=subset)
                early_stopping: early_stopping(monitor=test_loss)
                monitor_test: true
                validation: 0
                threads: 2
                """),
                        "golden-test-monitor"));
    }

    @Test
    void copiesChangeOnlyWhatTheyName() {
        TrainSpec spec = resolve(SAMPLES.get(ConfigKey.VALIDATION_AUTO) + "\nseed: 3");
        TrainSpec other = spec.withSeed(11);
        Map<String, Object> expected = new LinkedHashMap<>(spec.describe());
        expected.put("seed", 11L);
        assertEquals(expected, other.describe());
        assertEquals(spec, other.withSeed(3));

        TrainSpec fold = spec.withData(new FoldSpec(spec.input().data(), 1, 3, 3));
        assertEquals(0.0, fold.input().validation(), "a fold brings its own validation split");
        assertFalse(fold.input().validationAuto());
        assertEquals(spec.monitoring().earlyStopping(), fold.monitoring().earlyStopping());
        TrainSpec given = resolve("validation: 0.2\nearly_stopping: early_stopping()");
        assertEquals(
                0.2,
                given.withData(new FoldSpec(given.input().data(), 1, 3, 0)).input().validation(),
                "a validation share the user gave is kept");
    }

    private int files;

    /** The spec an experiment file with this text resolves to. */
    private TrainSpec resolve(String yaml) {
        return resolveFile(yaml, "experiment-" + files++);
    }

    private TrainSpec resolveFile(String text, String name) {
        try {
            Path file = tmp.resolve(name + ".yaml");
            Files.writeString(file, text);
            return Experiment.fromYaml(file).resolve();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec's config.yaml, written as a run writes it. */
    private String configYaml(TrainSpec spec, String name) throws Exception {
        RunFolder folder = RunFolder.create(tmp.resolve(name));
        folder.writeConfig(spec.describe());
        return Files.readString(folder.config());
    }

    private static String error(Map<String, Object> values) {
        return assertThrows(
                        ConfigException.class,
                        () -> new Experiment(values).resolve(),
                        values.toString())
                .getMessage();
    }
}
