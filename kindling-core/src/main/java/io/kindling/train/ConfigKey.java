package io.kindling.train;

import io.kindling.config.Expressible;
import io.kindling.config.Registry;
import io.kindling.data.Augmentations;
import io.kindling.data.Datasets;
import io.kindling.data.FoldSpec;
import io.kindling.engine.Compute.Threads;
import io.kindling.init.Initializers;
import io.kindling.nn.Models;
import io.kindling.optim.Optimizers;
import io.kindling.schedule.Schedules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every configuration key of a run, declared once. Each constant is one YAML key of an experiment
 * file and of {@code config.yaml}; the table drives
 *
 * <ul>
 *   <li>what an experiment file may hold ({@link Experiment}'s "unknown key … accepted: …"),
 *   <li>how a value is read and checked ({@link #kind}, {@link #min}) and its default,
 *   <li>what {@code config.yaml} records ({@link TrainSpec#describe()}, via {@link #record}),
 *   <li>the command-line option of the key ({@link #option}, {@link #label}, {@link #description}),
 *       in the {@link Group}s of keys each command takes.
 * </ul>
 *
 * The order of the constants is the order of {@code config.yaml} and of every list of keys. {@link
 * Experiment#resolve()} turns the values into a {@link TrainSpec}; that step is written out by
 * hand, because several keys make one component (epochs and steps the budget, the three checkpoint
 * keys the checkpointing).
 *
 * <p>Adding a key: a constant here (with the {@link TrainSpec} part it records), a component of the
 * one of the spec's small records it belongs to ({@link TrainSpec.Optimization}, {@link
 * TrainSpec.Input}, …), its setter in {@link TrainSpec.Builder} (with its line in {@code build()}
 * and in {@link TrainSpec#toBuilder()}), its line in {@link Experiment#resolve()}, and a sample
 * value in {@code ConfigKeyTest}; the option appears on every command that takes the key's {@link
 * Group}.
 */
// Its fields hold immutable values (List.of, registries, pure functions of a spec).
@SuppressWarnings("ImmutableEnumChecker")
public enum ConfigKey {
    MODEL(
            expression("model", Models.REGISTRY, Group.MODEL)
                    .byDefault("mlp(depth=3, width=256, activation=relu)")
                    .help("Model expression. Default: {default}")
                    .records(s -> s.network().model().print())),

    INIT(
            expression("init", Initializers.REGISTRY, Group.MODEL)
                    .byDefault("kaiming_normal")
                    .help("Initializer for every weight (biases zero). Default: {default}")
                    .records(s -> s.network().init().describe())),

    OPTIMIZER(
            expression("optimizer", Optimizers.REGISTRY, Group.RUN)
                    .byDefault("sgd(lr=0.05, momentum=0.9)")
                    .help("Optimizer expression. Default: {default}")
                    .records(s -> s.optimization().optimizer().print())),

    SCHEDULE(
            expression("schedule", Schedules.REGISTRY, Group.RUN)
                    .help(
                            "Learning-rate schedule over the optimizer's lr, e.g."
                                    + " \"warmup_cosine(warmup_steps=100, total_steps=469)\" (default: constant).")
                    .records(s -> print(s.optimization().schedule()))),

    ON_PLATEAU(
            expression("on_plateau", Callbacks.PLATEAU, Group.TRAINING)
                    .help(
                            "Lower the lr when a metric stalls, evaluated each epoch, e.g."
                                    + " \"reduce_on_plateau(monitor=val_loss, factor=0.5, patience=1)\"."
                                    + " Monitors default to val_loss (see --validation).")
                    .records(s -> print(s.optimization().plateau()))),

    EARLY_STOPPING(
            expression("early_stopping", Callbacks.EARLY_STOPPING, Group.TRAINING)
                    .help(
                            "Stop when a metric stops improving, e.g."
                                    + " \"early_stopping(monitor=val_loss, patience=3, restore_best=true)\"."
                                    + " Monitors default to val_loss (see --validation).")
                    .records(s -> print(s.monitoring().earlyStopping()))),

    DATA(
            expression("data", Datasets.REGISTRY, Group.MODEL)
                    .byDefault("fashion-mnist")
                    .help(
                            "Dataset: fashion-mnist(source=auto|full|subset, dir='...')."
                                    + " Default: {default} (full set if installed, else the shipped subset)")
                    .records(s -> s.input().data().print())),

    EPOCHS(
            whole("epochs", Group.RUN)
                    .min(1)
                    .byDefault("1") // only when steps is not given
                    .help("Epochs (default {default}).")
                    .records(
                            s ->
                                    s.extent().budget().epochs() > 0
                                            ? s.extent().budget().epochs()
                                            : null)),

    STEPS(
            whole("steps", Group.RUN)
                    .min(1)
                    .help("Optimizer steps instead of epochs.")
                    .records(
                            s ->
                                    s.extent().budget().epochs() > 0
                                            ? null
                                            : s.extent().budget().steps())),

    BATCH(
            whole("batch", Group.MODEL)
                    .label("B")
                    .min(1)
                    .byDefault("128")
                    .help("Batch size (default {default}).")
                    .records(s -> s.extent().batchSize())),

    SEED(
            whole("seed", Group.MODEL)
                    .label("S")
                    .byDefault("0")
                    .help("Seed for init, data order and dropout (default {default}).")
                    .records(s -> s.execution().seed())),

    OUT(
            new Def("out", Kind.PATH, Group.RUN)
                    .label("DIR")
                    .help("Run folder (default runs/train-<timestamp>).")
                    .records(s -> null)), // where a run goes is not part of what it is

    THREADS(
            whole("threads", Group.RUN)
                    .min(1)
                    .help("libtorch intra-op threads (default: available cores).")
                    .records(s -> s.execution().threads().intraOp())),

    INTEROP_THREADS(
            whole("interop_threads", Group.TRAINING)
                    .min(1)
                    .byDefault(String.valueOf(Threads.defaults().interOp()))
                    .help("libtorch inter-op threads (default {default}).")
                    .records(s -> s.execution().threads().interOp())),

    LOG_EVERY(
            whole("log_every", Group.TRAINING)
                    .min(1)
                    .byDefault("50")
                    .help("Log mean training loss every N steps (default {default}).")
                    .records(s -> s.monitoring().logEvery())),

    ACCUMULATE(
            whole("accumulate", Group.TRAINING)
                    .label("K")
                    .min(1)
                    .byDefault("1")
                    .help("Accumulate gradients over K micro-batches per step (default {default}).")
                    .records(s -> s.optimization().accumulate())),

    LABEL_SMOOTHING(
            new Def("label_smoothing", Kind.NUMBER, Group.TRAINING)
                    .label("EPS")
                    .byDefault("0")
                    .help("Label smoothing of the cross-entropy, in [0, 1) (default {default}).")
                    .records(s -> s.optimization().labelSmoothing())),

    NAN_POLICY(
            new Def("nan_policy", Kind.CHOICE, Group.TRAINING)
                    .label("POLICY")
                    .choices(TrainSpec.NAN_POLICIES)
                    .byDefault("stop")
                    .help(
                            "On a non-finite loss: stop (default; the record names the first"
                                    + " non-finite parameter), skip_step (drop that step's update) or rollback"
                                    + " (reload the newest checkpoint and halve the lr; needs"
                                    + " --checkpoint-every).")
                    .records(s -> s.optimization().nanPolicy().text())),

    STANDARDIZE(
            flag("standardize", Group.TRAINING)
                    .help("Standardize pixels with the training split's mean and std.")
                    .records(s -> s.input().standardize())),

    VALIDATION(
            new Def("validation", Kind.NUMBER, Group.TRAINING)
                    .label("FRACTION")
                    .help(
                            "Hold out this share of the training split (stratified) as a"
                                    + " validation split, evaluated each epoch as val_*. Default: none, or "
                                    + ModelSelection.DEFAULT_FRACTION
                                    + " when --early-stopping, --on-plateau"
                                    + " or --keep-best monitors a val_* metric; 0 turns it off.")
                    .records(ConfigKey::validation)),

    VALIDATION_AUTO(
            flag("validation_auto", Group.TRAINING)
                    .noOption()
                    .help(
                            "Written by config.yaml next to an automatic validation share: the share is"
                                    + " used only while a monitor needs it.")
                    .records(
                            s ->
                                    (s.input().validation() > 0 && s.input().validationAuto())
                                            ? true
                                            : null)),

    MONITOR_TEST(
            flag(ModelSelection.OPT_IN, Group.TRAINING)
                    .help(
                            "Allow monitors on the test split (monitor=test_loss, ...): the test"
                                    + " split then steers training and the reported test metrics are"
                                    + " optimistic (a warning is printed). Default: off, test_* monitors are"
                                    + " refused.")
                    .records(s -> s.monitoring().monitorTest() ? true : null)),

    CHECKPOINT_EVERY(
            whole("checkpoint_every", Group.TRAINING)
                    .min(0)
                    .help(
                            "Write a checkpoint every N steps (and a final one); keeps the"
                                    + " newest 3 unless --keep-last says otherwise.")
                    .records(s -> s.persistence().checkpointing().every())),

    KEEP_LAST(
            whole("keep_last", Group.TRAINING)
                    .label("K")
                    .min(0)
                    .help(
                            "Keep the newest K step checkpoints (with no --checkpoint-every: only"
                                    + " the final one, K >= 1).")
                    .records(s -> s.persistence().checkpointing().keepLast())),

    KEEP_BEST(
            flag("keep_best", Group.TRAINING)
                    .help(
                            "Also keep checkpoints/best: the best evaluation of early stopping's"
                                    + " monitor (else val_loss).")
                    .records(s -> s.persistence().checkpointing().keepBest())),

    TIME_LIMIT(
            new Def("time_limit", Kind.DURATION, Group.TRAINING)
                    .label("DURATION")
                    .help(
                            "Stop cleanly after this long (90s, 15m, 2h, 1h30m), evaluate and"
                                    + " write a final checkpoint; --resume continues.")
                    .records(s -> timeLimit(s.persistence().timeLimit()))),

    HISTOGRAM_EVERY(
            whole("histogram_every", Group.TRAINING)
                    .min(0)
                    .byDefault("0")
                    .help(
                            "Write per-layer weight histograms to TensorBoard every N steps"
                                    + " (default {default}: at each epoch's end).")
                    .records(s -> s.monitoring().histogramEvery())),

    EVAL_EVERY(
            whole("eval_every", Group.TRAINING)
                    .min(0)
                    .byDefault("0")
                    .help(
                            "Also evaluate every N steps, not only at each epoch's end (default"
                                    + " {default}: epoch ends only); tune reports these as"
                                    + " intermediate values at step N, 2N, ….")
                    .records(
                            s ->
                                    s.monitoring().evalEvery() == 0
                                            ? null
                                            : s.monitoring().evalEvery())),

    AUGMENT(
            expression("augment", Augmentations.REGISTRY, Group.TRAINING)
                    .help(
                            "Augment training images, e.g. \"augment(pad=2, flip=0.5,"
                                    + " translate=0, noise=0)\" (default: none).")
                    .records(s -> print(s.input().augment())));

    /** Which commands take a key as an option; each command names the groups it takes. */
    public enum Group {
        /**
         * What is built and initialized, and the batch of data it sees ({@code plan}, {@code
         * diagnose}).
         */
        MODEL,
        /**
         * The rest of what any training run needs: optimizer, budget, threads, folder ({@code
         * compare}).
         */
        RUN,
        /** Everything else a training run takes ({@code train}, {@code cv}). */
        TRAINING
    }

    /** How a key's value is written and read. */
    public enum Kind {
        /** An expression of {@link #registry()}'s kind, e.g. {@code sgd(lr=0.1)}. */
        EXPRESSION,
        /** A whole number, at least {@link #min()} when that is set. */
        INTEGER,
        /** A decimal number. */
        NUMBER,
        /** {@code true} or {@code false}; a {@code --[no-]} switch on the command line. */
        BOOLEAN,
        /** One of {@link #choices()}. */
        CHOICE,
        /** A duration such as {@code 90s}, {@code 15m}, {@code 1h30m}. */
        DURATION,
        /** A folder. */
        PATH
    }

    private final String key;
    private final String option;
    private final String label;
    private final Kind kind;
    private final Group group;
    private final Registry<?> registry;
    private final List<String> choices;
    private final Integer min;
    private final String defaultValue;
    private final String description;
    private final Function<TrainSpec, Object> record;

    ConfigKey(Def d) {
        this.key = d.key;
        this.option = d.option ? "--" + d.key.replace('_', '-') : null;
        this.label = d.label;
        this.kind = d.kind;
        this.group = d.group;
        this.registry = d.registry;
        this.choices = d.choices;
        this.min = d.min;
        this.defaultValue = d.defaultValue;
        this.description = d.description;
        this.record = d.record;
    }

    /** The YAML key, snake_case: {@code label_smoothing}. */
    public String key() {
        return key;
    }

    /** The command-line option, {@code --label-smoothing}, or null for a key only files hold. */
    public String option() {
        return option;
    }

    /** The option's parameter label ({@code EXPR}, {@code N}, …), or null for a switch. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public Group group() {
        return group;
    }

    /** The registry an {@link Kind#EXPRESSION} key's names come from, else null. */
    public Registry<?> registry() {
        return registry;
    }

    /** The values a {@link Kind#CHOICE} key accepts, else empty. */
    public List<String> choices() {
        return choices;
    }

    /** The least value a whole number may take, or null for no bound. */
    public Integer min() {
        return min;
    }

    /**
     * The value used when the key is not given, written as in a file ({@code 128}, {@code
     * kaiming_normal}), or null when there is none or it depends on other keys.
     */
    public String defaultValue() {
        return defaultValue;
    }

    /** The one-line help text of the option, with its default filled in. */
    public String description() {
        return description(defaultValue);
    }

    /** The help text with another default filled in (a command that defaults the key otherwise). */
    public String description(String dflt) {
        return description.replace("{default}", String.valueOf(dflt));
    }

    /** The value {@code config.yaml} records for this key, or null when it records none. */
    public Object record(TrainSpec spec) {
        return record.apply(spec);
    }

    /** Whether {@code config.yaml} can hold this key (every key but {@code out}). */
    public boolean recorded() {
        return this != OUT;
    }

    /** The YAML keys in table order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(ConfigKey::key).toList();
    }

    /** The key with this YAML name, or null. */
    public static ConfigKey named(String key) {
        for (ConfigKey k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    /** The keys in these groups, in table order. */
    public static List<ConfigKey> in(Set<Group> groups) {
        List<ConfigKey> keys = new ArrayList<>();
        for (ConfigKey k : values()) {
            if (groups.contains(k.group)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * {@code validation}: the share, or 0 kept where it must read back as "off", not "automatic".
     */
    private static Object validation(TrainSpec s) {
        if (s.input().validation() > 0) {
            return s.input().validation();
        }
        return !s.monitors().isEmpty() && !(s.input().data() instanceof FoldSpec) ? 0.0 : null;
    }

    /** An optional part's expression, or null (nothing recorded) when the part is absent. */
    private static String print(Expressible part) {
        return part == null ? null : part.print();
    }

    /** The time limit as {@code time_limit} reads it, or null when there is none. */
    private static String timeLimit(Duration limit) {
        return limit == null ? null : TimeLimit.print(limit);
    }

    private static Def expression(String key, Registry<?> registry, Group group) {
        Def d = new Def(key, Kind.EXPRESSION, group).label("EXPR");
        d.registry = registry;
        return d;
    }

    private static Def whole(String key, Group group) {
        return new Def(key, Kind.INTEGER, group).label("N");
    }

    private static Def flag(String key, Group group) {
        return new Def(key, Kind.BOOLEAN, group).byDefault("false");
    }

    /** One row of the table while it is written. */
    private static final class Def {
        final String key;
        final Kind kind;
        final Group group;
        boolean option = true;
        String label;
        Registry<?> registry;
        List<String> choices = List.of();
        Integer min;
        String defaultValue;
        String description;
        Function<TrainSpec, Object> record;

        Def(String key, Kind kind, Group group) {
            this.key = key;
            this.kind = kind;
            this.group = group;
        }

        Def label(String l) {
            label = l;
            return this;
        }

        Def min(int m) {
            min = m;
            return this;
        }

        Def choices(List<String> c) {
            choices = List.copyOf(c);
            return this;
        }

        Def byDefault(String v) {
            defaultValue = v;
            return this;
        }

        Def noOption() {
            option = false;
            return this;
        }

        Def help(String text) {
            description = text;
            return this;
        }

        Def records(Function<TrainSpec, Object> r) {
            record = r;
            return this;
        }
    }
}
