package io.kindling.train;

import static io.kindling.train.ConfigKey.*;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kindling.config.ConfigException;
import io.kindling.data.DatasetSpec;
import io.kindling.data.FoldSpec;
import io.kindling.engine.Compute.Threads;
import io.kindling.init.Selector;
import io.kindling.nn.ModelSpec;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.Optimizers;
import io.kindling.optim.ParameterGroups;
import io.kindling.runfolder.RunFolder;
import io.kindling.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment as the user wrote it — from a YAML file, from command-line options, or both, the
 * options winning — before names are resolved. Every field may be absent; {@link #resolve} fills
 * defaults and turns the expressions into objects. The keys, their kinds and defaults are {@link
 * ConfigKey}'s.
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

    /** Keys an experiment file may hold, in {@link ConfigKey}'s order. */
    public static final List<String> KEYS = ConfigKey.keys();

    public Experiment {
        values = new LinkedHashMap<>(values);
        for (String key : values.keySet()) {
            if (ConfigKey.named(key) == null) {
                throw new ConfigException(
                        "Unknown experiment key '"
                                + key
                                + "'; accepted: "
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
     * Reads a YAML mapping with keys normalized to snake_case, without checking them (for files
     * that hold more than one experiment, such as a comparison's {@code variants}).
     */
    public static Map<String, Object> readYaml(Path file) {
        try {
            return readYaml(Files.readString(file), "Experiment file " + file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Experiment file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read experiment file " + file + ": " + e.getMessage());
        }
    }

    /**
     * {@link #readYaml(Path)} of YAML text; {@code source} names it in errors (e.g. {@code
     * "Experiment file x.yaml"}).
     */
    public static Map<String, Object> readYaml(String text, String source) {
        try {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new ConfigException(
                        source
                                + " must be a YAML mapping of keys ("
                                + String.join(", ", KEYS)
                                + ")");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            map.forEach((k, v) -> values.put(String.valueOf(k).replace('-', '_'), v));
            return values;
        } catch (JacksonException e) {
            throw new ConfigException(
                    source
                            + " is not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse("")
                            + " at line "
                            + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        }
    }

    /** This experiment with every non-null value of {@code overrides} put over it. */
    public Experiment overriddenBy(Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        overrides.forEach(
                (k, v) -> {
                    if (v != null) {
                        merged.put(k, v);
                    }
                });
        // A validation share given on the command line is the user's, not a recorded automatic one.
        if (overrides.get(VALIDATION.key()) != null
                && overrides.get(VALIDATION_AUTO.key()) == null) {
            merged.remove(VALIDATION_AUTO.key());
        }
        // A budget given on the command line replaces the file's, whichever kind it is.
        boolean steps = overrides.get(STEPS.key()) != null;
        boolean epochs = overrides.get(EPOCHS.key()) != null;
        if (steps && !epochs) {
            merged.remove(EPOCHS.key());
        } else if (epochs && !steps) {
            merged.remove(STEPS.key());
        }
        return new Experiment(merged);
    }

    /** The output folder of {@code kindling train}: {@link #out(String) out("train")}. */
    public Path out() {
        return out("train");
    }

    /**
     * The output folder: {@code out} as given, or else a new folder {@code
     * runs/<command>-<yyyyMMdd-HHmmss>} claimed now ({@link RunFolder#claimDefault}, with {@code
     * -2}, {@code -3}, … when the name is taken). Without {@code out} each call claims another
     * folder: call it once per run and keep the result.
     *
     * @param command the command the default name starts with ({@code train}, {@code cv}, …)
     */
    public Path out(String command) {
        Object out = values.get(OUT.key());
        return out != null
                ? Path.of(out.toString())
                : RunFolder.claimDefault(Path.of("runs"), command);
    }

    /**
     * Resolves names and defaults into a runnable spec. Each value is read as its {@link
     * ConfigKey#kind()} says, checked against its {@link ConfigKey#min()}, and taken from {@link
     * ConfigKey#defaultValue()} when absent.
     */
    public TrainSpec resolve() {
        Integer epochs = integer(EPOCHS);
        Integer steps = integer(STEPS);
        if (epochs != null && steps != null) {
            throw new ConfigException(
                    "Give either epochs or steps, not both (epochs="
                            + epochs
                            + ", steps="
                            + steps
                            + ")");
        }
        Budget budget =
                steps != null
                        ? Budget.steps(atLeast(STEPS, steps))
                        : Budget.epochs(
                                atLeast(
                                        EPOCHS,
                                        epochs != null
                                                ? epochs
                                                : Integer.valueOf(EPOCHS.defaultValue())));
        Threads threads =
                new Threads(
                        atLeast(THREADS, orElse(integer(THREADS), Threads.defaults().intraOp())),
                        whole(INTEROP_THREADS));
        // Parsed in the order the keys were always checked, so the first error reported stays.
        ModelSpec model = expression(MODEL);
        InitSpec init = InitSpec.parse(valueOrDefault(INIT));
        GradientTransform optimizer = optimizer(valueOrDefault(OPTIMIZER));
        DatasetSpec data = expression(DATA);
        int batch = whole(BATCH);
        int seed = whole(SEED);
        int logEvery = whole(LOG_EVERY);
        boolean standardize = bool(STANDARDIZE);
        Schedule schedule = expression(SCHEDULE);
        ReduceOnPlateau plateau = expression(ON_PLATEAU);
        EarlyStopping early = expression(EARLY_STOPPING);
        int accumulate = whole(ACCUMULATE);
        double labelSmoothing = number(LABEL_SMOOTHING);
        NanPolicy nanPolicy = NanPolicy.parse(text(NAN_POLICY));
        Checkpointing checkpointing = checkpointing();
        Duration timeLimit =
                values.get(TIME_LIMIT.key()) == null
                        ? null
                        : TimeLimit.parse(values.get(TIME_LIMIT.key()).toString());
        boolean monitorTest = bool(MONITOR_TEST);
        double validation = validation(plateau, early, checkpointing, data, monitorTest);
        return TrainSpec.builder()
                .model(model)
                .init(init)
                .optimizer(optimizer)
                .data(data)
                .budget(budget)
                .batchSize(batch)
                .seed(seed)
                .threads(threads)
                .logEvery(logEvery)
                .standardize(standardize)
                .schedule(schedule)
                .plateau(plateau)
                .earlyStopping(early)
                .accumulate(accumulate)
                .labelSmoothing(labelSmoothing)
                .nanPolicy(nanPolicy)
                .checkpointing(checkpointing)
                .timeLimit(timeLimit)
                .validation(validation)
                .validationAuto(automaticValidation() && validation > 0)
                .monitorTest(monitorTest)
                .histogramEvery(whole(HISTOGRAM_EVERY))
                .evalEvery(whole(EVAL_EVERY))
                .augment(expression(AUGMENT))
                .build();
    }

    /**
     * The validation fraction: {@code validation} when given; otherwise (or with {@code
     * validation_auto: true}, which config.yaml writes to record an automatic split) {@link
     * ModelSelection#DEFAULT_FRACTION} — or the recorded fraction — when a monitor needs a
     * validation split and the data brings none, else 0.
     */
    private double validation(
            ReduceOnPlateau plateau,
            EarlyStopping early,
            Checkpointing checkpointing,
            DatasetSpec data,
            boolean monitorTest) {
        Double given = numberOrNull(VALIDATION);
        if (!automaticValidation()) {
            return given;
        }
        boolean needed =
                ModelSelection.needsValidation(plateau, early, checkpointing, monitorTest)
                        && !(data instanceof FoldSpec);
        return needed ? (given != null ? given : ModelSelection.DEFAULT_FRACTION) : 0;
    }

    /**
     * Whether the validation split is left to {@link ModelSelection} (not given, or recorded as
     * automatic).
     */
    private boolean automaticValidation() {
        return values.get(VALIDATION.key()) == null || bool(VALIDATION_AUTO);
    }

    /**
     * Checkpoints: off unless {@code checkpoint_every} or {@code keep_last} or {@code keep_best} is
     * given; with {@code checkpoint_every} alone, the newest 3 are kept.
     */
    private Checkpointing checkpointing() {
        Integer every = integer(CHECKPOINT_EVERY);
        Integer keep = integer(KEEP_LAST);
        boolean best = bool(KEEP_BEST);
        if (every == null && keep == null && !best) {
            return Checkpointing.OFF;
        }
        return new Checkpointing(
                atLeast(CHECKPOINT_EVERY, orElse(every, 0)),
                atLeast(KEEP_LAST, orElse(keep, every != null && every > 0 ? 3 : 1)),
                best);
    }

    /**
     * The optimizer: an expression, or (from a file) a list of parameter groups {@code [{match:
     * SELECTOR, optimizer: EXPR}, ...]}, first match wins.
     */
    private static GradientTransform optimizer(Object value) {
        if (!(value instanceof List<?> list)) {
            return Optimizers.REGISTRY.parse(value.toString());
        }
        List<Selector> selectors = new ArrayList<>();
        List<GradientTransform> optimizers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)
                    || m.size() != 2
                    || !m.containsKey("match")
                    || !m.containsKey("optimizer")) {
                throw new ConfigException(
                        "optimizer group "
                                + (i + 1)
                                + " must be {match:"
                                + " SELECTOR, optimizer: EXPR}, got "
                                + list.get(i));
            }
            selectors.add(Selector.parse(String.valueOf(m.get("match"))));
            optimizers.add(Optimizers.REGISTRY.parse(String.valueOf(m.get("optimizer"))));
        }
        if (selectors.isEmpty()) {
            throw new ConfigException("optimizer: the list of groups is empty");
        }
        return new ParameterGroups(selectors, optimizers);
    }

    /** The value given, else the key's default (null when it has none). */
    private Object valueOrDefault(ConfigKey key) {
        Object v = values.get(key.key());
        return v != null ? v : key.defaultValue();
    }

    /** An {@link ConfigKey.Kind#EXPRESSION} parsed by its registry, or null when absent. */
    // T is the record component the value goes into; the key's registry makes that type
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    private <T> T expression(ConfigKey key) {
        Object v = valueOrDefault(key);
        return v == null ? null : (T) key.registry().parse(v.toString());
    }

    private String text(ConfigKey key) {
        Object v = valueOrDefault(key);
        return v == null ? null : v.toString();
    }

    private boolean bool(ConfigKey key) {
        Object v = valueOrDefault(key);
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw new ConfigException(
                            "Value " + key.key() + "=" + v + " must be true or false");
        };
    }

    private double number(ConfigKey key) {
        return numberOrNull(key);
    }

    private Double numberOrNull(ConfigKey key) {
        Object v = valueOrDefault(key);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("Value " + key.key() + "=" + v + " must be a number");
        }
    }

    /** A whole number as given (no default, not yet checked against its minimum), or null. */
    private Integer integer(ConfigKey key) {
        Object v = values.get(key.key());
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        try {
            return Integer.valueOf(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("Value " + key.key() + "=" + v + " must be a whole number");
        }
    }

    /** A whole number given, else its default; checked against its minimum. */
    private int whole(ConfigKey key) {
        Integer v = integer(key);
        return atLeast(key, v != null ? v : Integer.valueOf(key.defaultValue()));
    }

    private static int orElse(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static int atLeast(ConfigKey key, int v) {
        if (key.min() != null && v < key.min()) {
            throw new ConfigException("Value " + key.key() + "=" + v + " must be >= " + key.min());
        }
        return v;
    }
}
