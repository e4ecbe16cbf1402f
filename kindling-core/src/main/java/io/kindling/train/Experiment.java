package io.kindling.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kindling.config.ConfigException;
import io.kindling.data.DatasetSpec;
import io.kindling.data.Datasets;
import io.kindling.engine.Compute.Threads;
import io.kindling.nn.Models;
import io.kindling.init.Selector;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.Optimizers;
import io.kindling.optim.ParameterGroups;
import java.util.ArrayList;
import io.kindling.schedule.Schedules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as the user wrote it — from a YAML file, from command-line options, or both,
 * the options winning — before names are resolved. Every field may be absent; {@link #resolve}
 * fills defaults and turns the expressions into objects.
 *
 * <pre>
 * model: mlp(depth=3, width=256, activation=relu)
 * init: kaiming_normal(mode=fan_in, nonlinearity=relu)
 * optimizer: sgd(lr=0.05, momentum=0.9)
 * data: fashion-mnist
 * epochs: 1
 * batch: 128
 * seed: 0
 * </pre>
 */
public record Experiment(Map<String, Object> values) {

    /** Keys an experiment file may hold. */
    public static final List<String> KEYS = List.of("model", "init", "optimizer", "schedule", "on_plateau", "early_stopping", "data",
            "epochs", "steps", "batch", "seed", "out", "threads", "interop_threads", "log_every", "standardize", "accumulate", "label_smoothing",
            "nan_policy", "checkpoint_every", "keep_last", "keep_best", "time_limit", "validation",
            "validation_auto", "monitor_test", "histogram_every", "augment");

    public static final String DEFAULT_MODEL = "mlp(depth=3, width=256, activation=relu)";
    public static final String DEFAULT_INIT = "kaiming_normal";
    public static final String DEFAULT_OPTIMIZER = "sgd(lr=0.05, momentum=0.9)";
    public static final String DEFAULT_DATA = "fashion-mnist";

    public Experiment {
        values = new LinkedHashMap<>(values);
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("Unknown experiment key '" + key + "'; accepted: "
                        + String.join(", ", KEYS));
            }
        }
    }

    /** Reads an experiment file; its errors name the file. */
    public static Experiment fromYaml(Path file) {
        Map<String, Object> values = readYaml(file);
        try {
            return new Experiment(values);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /**
     * Reads a YAML mapping with keys normalized to snake_case, without checking them (for
     * files that hold more than one experiment, such as a comparison's {@code variants}).
     */
    public static Map<String, Object> readYaml(Path file) {
        try {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(Files.readString(file),
                    Object.class);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new ConfigException("Experiment file " + file
                        + " must be a YAML mapping of keys (" + String.join(", ", KEYS) + ")");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((k, v) -> values.put(String.valueOf(k).replace('-', '_'), v));
            return values;
        } catch (NoSuchFileException e) {
            throw new ConfigException("Experiment file " + file + " does not exist");
        } catch (JacksonException e) {
            throw new ConfigException("Experiment file " + file + " is not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException("Cannot read experiment file " + file + ": " + e.getMessage());
        }
    }

    /** This experiment with every non-null value of {@code overrides} put over it. */
    public Experiment overriddenBy(Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        overrides.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        // A validation share given on the command line is the user's, not a recorded automatic one.
        if (overrides.get("validation") != null && overrides.get("validation_auto") == null) {
            merged.remove("validation_auto");
        }
        // A budget given on the command line replaces the file's, whichever kind it is.
        boolean steps = overrides.get("steps") != null;
        boolean epochs = overrides.get("epochs") != null;
        if (steps && !epochs) {
            merged.remove("epochs");
        } else if (epochs && !steps) {
            merged.remove("steps");
        }
        return new Experiment(merged);
    }

    /** The output folder: {@code out}, or {@code runs/train-<timestamp>}. */
    public Path out() {
        Object out = values.get("out");
        return out != null ? Path.of(out.toString()) : Path.of("runs", "train-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Resolves names and defaults into a runnable spec. */
    public TrainSpec resolve() {
        Integer epochs = integer("epochs");
        Integer steps = integer("steps");
        if (epochs != null && steps != null) {
            throw new ConfigException("Give either epochs or steps, not both (epochs=" + epochs
                    + ", steps=" + steps + ")");
        }
        Budget budget = steps != null ? Budget.steps(positive("steps", steps))
                : Budget.epochs(positive("epochs", epochs == null ? 1 : epochs));
        Threads defaults = Threads.defaults();
        Threads threads = new Threads(positive("threads", orElse(integer("threads"),
                defaults.intraOp())), positive("interop_threads",
                orElse(integer("interop_threads"), defaults.interOp())));
        // Parsed in the order the keys were always checked, so the first error reported stays.
        var model = Models.REGISTRY.parse(text("model", DEFAULT_MODEL));
        InitSpec init = InitSpec.parse(values.getOrDefault("init", DEFAULT_INIT));
        GradientTransform optimizer = optimizer(values.getOrDefault("optimizer",
                DEFAULT_OPTIMIZER));
        DatasetSpec data = Datasets.REGISTRY.parse(text("data", DEFAULT_DATA));
        int batch = positive("batch", orElse(integer("batch"), 128));
        int seed = orElse(integer("seed"), 0);
        int logEvery = positive("log_every", orElse(integer("log_every"), 50));
        boolean standardize = bool("standardize");
        var schedule = values.get("schedule") == null ? null
                : Schedules.REGISTRY.parse(values.get("schedule").toString());
        ReduceOnPlateau plateau = values.get("on_plateau") == null ? null
                : Callbacks.PLATEAU.parse(values.get("on_plateau").toString());
        EarlyStopping early = values.get("early_stopping") == null ? null
                : Callbacks.EARLY_STOPPING.parse(values.get("early_stopping").toString());
        int accumulate = positive("accumulate", orElse(integer("accumulate"), 1));
        double labelSmoothing = number("label_smoothing", 0);
        String nanPolicy = text("nan_policy", "stop");
        Checkpointing checkpointing = checkpointing();
        java.time.Duration timeLimit = values.get("time_limit") == null ? null
                : TimeLimit.parse(values.get("time_limit").toString());
        boolean monitorTest = bool(ModelSelection.OPT_IN);
        double validation = validation(plateau, early, checkpointing, data, monitorTest);
        return new TrainSpec(model, init, optimizer, data, budget, batch, seed, threads,
                logEvery, standardize, schedule, plateau, early, accumulate, labelSmoothing,
                nanPolicy, checkpointing, timeLimit, validation,
                automaticValidation() && validation > 0, monitorTest,
                nonNegative("histogram_every", orElse(integer("histogram_every"), 0)),
                values.get("augment") == null ? null
                        : io.kindling.data.Augmentations.REGISTRY.parse(
                                values.get("augment").toString()));
    }

    /**
     * The validation fraction: {@code validation} when given; otherwise (or with
     * {@code validation_auto: true}, which config.yaml writes to record an automatic split)
     * {@link ModelSelection#DEFAULT_FRACTION} — or the recorded fraction — when a monitor needs
     * a validation split and the data brings none, else 0.
     */
    private double validation(ReduceOnPlateau plateau, EarlyStopping early,
            Checkpointing checkpointing, DatasetSpec data, boolean monitorTest) {
        if (!automaticValidation()) {
            return number("validation", 0);
        }
        boolean needed = ModelSelection.needsValidation(plateau, early, checkpointing,
                monitorTest) && !(data instanceof io.kindling.data.FoldSpec);
        return needed ? number("validation", ModelSelection.DEFAULT_FRACTION) : 0;
    }

    /** Whether the validation split is left to {@link ModelSelection} (not given, or recorded as automatic). */
    private boolean automaticValidation() {
        return values.get("validation") == null || bool("validation_auto");
    }

    /**
     * Checkpoints: off unless {@code checkpoint_every} or {@code keep_last} or
     * {@code keep_best} is given; with {@code checkpoint_every} alone, the newest 3 are kept.
     */
    private Checkpointing checkpointing() {
        Integer every = integer("checkpoint_every");
        Integer keep = integer("keep_last");
        boolean best = bool("keep_best");
        if (every == null && keep == null && !best) {
            return Checkpointing.OFF;
        }
        return new Checkpointing(nonNegative("checkpoint_every", orElse(every, 0)),
                nonNegative("keep_last", orElse(keep, every != null && every > 0 ? 3 : 1)),
                best);
    }

    private static int nonNegative(String key, int v) {
        if (v < 0) {
            throw new ConfigException("Value " + key + "=" + v + " must be >= 0");
        }
        return v;
    }

    /**
     * The optimizer: an expression, or (from a file) a list of parameter groups
     * {@code [{match: SELECTOR, optimizer: EXPR}, ...]}, first match wins.
     */
    private static GradientTransform optimizer(Object value) {
        if (!(value instanceof List<?> list)) {
            return Optimizers.REGISTRY.parse(value.toString());
        }
        List<Selector> selectors = new ArrayList<>();
        List<GradientTransform> optimizers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || m.size() != 2
                    || !m.containsKey("match") || !m.containsKey("optimizer")) {
                throw new ConfigException("optimizer group " + (i + 1) + " must be {match:"
                        + " SELECTOR, optimizer: EXPR}, got " + list.get(i));
            }
            selectors.add(Selector.parse(String.valueOf(m.get("match"))));
            optimizers.add(Optimizers.REGISTRY.parse(String.valueOf(m.get("optimizer"))));
        }
        if (selectors.isEmpty()) {
            throw new ConfigException("optimizer: the list of groups is empty");
        }
        return new ParameterGroups(selectors, optimizers);
    }

    private String text(String key, String dflt) {
        Object v = values.get(key);
        return v == null ? dflt : v.toString();
    }

    private boolean bool(String key) {
        Object v = values.get(key);
        if (v == null || v instanceof Boolean) {
            return Boolean.TRUE.equals(v);
        }
        return switch (v.toString().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException("Value " + key + "=" + v
                    + " must be true or false");
        };
    }

    private double number(String key, double dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("Value " + key + "=" + v + " must be a number");
        }
    }

    private Integer integer(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        try {
            return Integer.valueOf(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("Value " + key + "=" + v + " must be a whole number");
        }
    }

    private static int orElse(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static int positive(String key, int v) {
        if (v < 1) {
            throw new ConfigException("Value " + key + "=" + v + " must be >= 1");
        }
        return v;
    }
}
