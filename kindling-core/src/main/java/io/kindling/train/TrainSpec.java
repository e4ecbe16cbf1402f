package io.kindling.train;

import io.kindling.config.ConfigException;
import io.kindling.data.Augmentation;
import io.kindling.data.DatasetSpec;
import io.kindling.data.FoldSpec;
import io.kindling.engine.Compute.Threads;
import io.kindling.init.InitPlan;
import io.kindling.nn.ModelSpec;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.LearningRates;
import io.kindling.schedule.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fully resolved training run: everything needed to repeat it. {@link Experiment} makes it from
 * the keys of {@link ConfigKey}; {@link #describe()} writes it back as those keys.
 *
 * <p>The parts come in small groups, each a record that checks its own values; this record checks
 * what spans groups (monitors against the validation split, accumulation against the batch,
 * rollback against checkpoints). A spec is made by {@link #builder()}, whose setters name every
 * part, and copied by {@link #toBuilder()}.
 *
 * @param network what is built and how it is initialized
 * @param optimization how parameters are updated, and the loss they follow
 * @param input the data, its preprocessing and its validation split
 * @param extent how much is trained, in how large batches
 * @param execution what a repeat on the same machine must keep equal: seed and threads
 * @param monitoring what is logged and evaluated, and what stops the run on a metric
 * @param persistence what lets a run be cut and resumed: checkpoints, and the time limit
 */
public record TrainSpec(
        Network network,
        Optimization optimization,
        Input input,
        Extent extent,
        Execution execution,
        Monitoring monitoring,
        Persistence persistence) {

    /** Accepted values of {@code nan_policy}. */
    public static final List<String> NAN_POLICIES = NanPolicy.texts();

    /** Rollbacks a run may make before it stops. */
    public static final int MAX_ROLLBACKS = 5;

    public TrainSpec {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(optimization, "optimization");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(persistence, "persistence");
        checkMonitors(
                optimization.plateau(),
                monitoring.earlyStopping(),
                persistence.checkpointing(),
                input.hasValidation(),
                monitoring.monitorTest());
        checkAccumulate(optimization.accumulate(), extent.batchSize());
        checkRollback(optimization.nanPolicy(), persistence.checkpointing());
    }

    /**
     * The model and its initialization.
     *
     * @param model what to build
     * @param init how to initialize it (the initializer given for the weights)
     */
    public record Network(ModelSpec model, InitSpec init) {
        public Network {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(init, "init");
        }
    }

    /**
     * The update rule and what steers it.
     *
     * @param optimizer the update rule
     * @param schedule learning-rate schedule over the optimizer's lr, or null for a constant lr
     * @param plateau rule that lowers the lr when a metric stalls, or null
     * @param accumulate micro-batches per optimizer step (gradient accumulation; 1 = none), at most
     *     the batch size (checked by {@link TrainSpec})
     * @param labelSmoothing ε of the cross-entropy loss, in [0, 1)
     * @param nanPolicy what a non-finite loss does: {@code stop} (end the run, parameters as after
     *     the last good step), {@code skip_step} (drop that step's update and go on) or {@code
     *     rollback} (reload the newest checkpoint, halve the learning rate and go on; at most
     *     {@link #MAX_ROLLBACKS} times)
     */
    public record Optimization(
            GradientTransform optimizer,
            Schedule schedule,
            ReduceOnPlateau plateau,
            int accumulate,
            double labelSmoothing,
            NanPolicy nanPolicy) {
        public Optimization {
            Objects.requireNonNull(optimizer, "optimizer");
            if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
                throw new IllegalArgumentException(
                        "label_smoothing must be in [0, 1); got " + labelSmoothing);
            }
            Objects.requireNonNull(nanPolicy, "nanPolicy");
        }
    }

    /**
     * What the model is trained on.
     *
     * @param data which dataset
     * @param standardize standardize pixels with the training split's mean and std
     * @param augment augmentation of training batches (images only), or null for none
     * @param validation share of the training split held out (stratified) for validation each
     *     epoch, or 0 for none
     * @param validationAuto whether {@code validation} was not given but chosen automatically
     *     ({@link ModelSelection#DEFAULT_FRACTION}) because a monitor needs a validation split
     */
    public record Input(
            DatasetSpec data,
            boolean standardize,
            Augmentation augment,
            double validation,
            boolean validationAuto) {
        public Input {
            Objects.requireNonNull(data, "data");
            if (!(validation >= 0 && validation < 1)) {
                throw new IllegalArgumentException(
                        "validation must be in [0, 1); got " + validation);
            }
            if (validationAuto && validation == 0) {
                throw new IllegalArgumentException(
                        "an automatic validation split needs a fraction" + " > 0");
            }
        }

        /** Whether each epoch is evaluated on validation data: a held-out share, or a fold's. */
        public boolean hasValidation() {
            return validation > 0 || data instanceof FoldSpec;
        }
    }

    /**
     * How much is trained.
     *
     * @param budget epochs or steps
     * @param batchSize examples per step
     */
    public record Extent(Budget budget, int batchSize) {
        public Extent {
            Objects.requireNonNull(budget, "budget");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
        }
    }

    /**
     * What makes a repeat bit-identical on the same machine.
     *
     * @param seed drives initialization, data order and dropout
     * @param threads libtorch thread counts
     */
    public record Execution(long seed, Threads threads) {
        public Execution {
            Objects.requireNonNull(threads, "threads");
        }
    }

    /**
     * What the run logs and evaluates, and what ends it on a metric.
     *
     * @param logEvery log the training loss every this many steps
     * @param earlyStopping rule that ends the run when a metric stops improving, or null
     * @param monitorTest allow monitors on the test split ({@code test_*}), which make the reported
     *     test metrics optimistic; see {@link ModelSelection}
     * @param histogramEvery offer parameter values for weight histograms every this many steps (0 =
     *     at each epoch's end)
     * @param evalEvery also evaluate every this many steps, not only at each epoch's end (0 = epoch
     *     ends only)
     */
    public record Monitoring(
            int logEvery,
            EarlyStopping earlyStopping,
            boolean monitorTest,
            int histogramEvery,
            int evalEvery) {
        public Monitoring {
            if (evalEvery < 0) {
                throw new IllegalArgumentException("eval_every must be >= 0, got " + evalEvery);
            }
            if (histogramEvery < 0) {
                throw new IllegalArgumentException(
                        "histogram_every must be >= 0, got " + histogramEvery);
            }
            if (logEvery < 1) {
                throw new IllegalArgumentException("log-every must be >= 1, got " + logEvery);
            }
        }
    }

    /**
     * What lets a run be cut and resumed.
     *
     * @param checkpointing when checkpoints are written and kept
     * @param timeLimit wall-clock budget of this process's training, or null; at the limit the run
     *     evaluates and writes its final checkpoint
     */
    public record Persistence(Checkpointing checkpointing, Duration timeLimit) {
        public Persistence {
            Objects.requireNonNull(checkpointing, "checkpointing");
        }
    }

    /**
     * Refuses a monitor that is not evaluated each epoch, a {@code val_*} monitor without a
     * validation split and a {@code test_*} monitor without the opt-in.
     */
    private static void checkMonitors(
            ReduceOnPlateau plateau,
            EarlyStopping earlyStopping,
            Checkpointing checkpointing,
            boolean hasValidation,
            boolean monitorTest) {
        ModelSelection.check(
                ModelSelection.monitors(
                        plateau, earlyStopping, checkpointing, hasValidation, monitorTest),
                hasValidation,
                monitorTest);
    }

    private static void checkAccumulate(int accumulate, int batchSize) {
        if (accumulate < 1 || accumulate > batchSize) {
            throw new IllegalArgumentException(
                    "accumulate must be in [1, batch]; got "
                            + accumulate
                            + " for batch "
                            + batchSize);
        }
    }

    /**
     * Refuses evaluations inside epochs beside the rules that count epochs: early stopping's
     * patience and best epoch, and the plateau rule's patience, are in epochs (as in Keras and
     * PyTorch), so evaluations between them would change what they mean.
     */
    private static void checkEvalEvery(
            int evalEvery, ReduceOnPlateau plateau, EarlyStopping earlyStopping) {
        if (evalEvery > 0 && (plateau != null || earlyStopping != null)) {
            throw new ConfigException(
                    "eval_every="
                            + evalEvery
                            + " evaluates inside epochs, but "
                            + (earlyStopping != null ? "early_stopping" : "reduce_on_plateau")
                            + " counts its patience in epochs; remove one of them");
        }
    }

    private static void checkRollback(NanPolicy nanPolicy, Checkpointing checkpointing) {
        if (nanPolicy == NanPolicy.ROLLBACK
                && !(checkpointing.every() > 0 && checkpointing.keepLast() > 0)) {
            throw new ConfigException(
                    "nan_policy 'rollback' reloads the"
                            + " newest checkpoint, so it needs checkpoint_every > 0 and keep_last > 0");
        }
    }

    /**
     * This spec training on other data (e.g. one fold of a cross-validation). An automatic
     * validation split is dropped when the new data brings its own (a fold).
     */
    public TrainSpec withData(DatasetSpec newData) {
        Builder copy = toBuilder().data(newData);
        if (input.validationAuto() && newData instanceof FoldSpec) {
            copy.validation(0).validationAuto(false);
        }
        return copy.build();
    }

    /** What chooses on a metric in this run: plateau, early stopping, best checkpoint. */
    public List<ModelSelection.Monitor> monitors() {
        return ModelSelection.monitors(
                optimization.plateau(),
                monitoring.earlyStopping(),
                persistence.checkpointing(),
                input.hasValidation(),
                monitoring.monitorTest());
    }

    /**
     * The update rule the trainer runs: the optimizer with its learning rate held in its state
     * ({@link LearningRates#inject}), following the schedule when there is one, so that schedules,
     * reduce-on-plateau and NaN rollback change the lr the optimizer itself uses.
     */
    public GradientTransform updateRule() {
        return LearningRates.inject(optimization.optimizer(), optimization.schedule());
    }

    /** This spec with another seed (for repeats over seeds). */
    public TrainSpec withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** A builder holding every part of this spec, to copy it with some parts changed. */
    public Builder toBuilder() {
        return new Builder()
                .model(network.model())
                .init(network.init())
                .optimizer(optimization.optimizer())
                .schedule(optimization.schedule())
                .plateau(optimization.plateau())
                .accumulate(optimization.accumulate())
                .labelSmoothing(optimization.labelSmoothing())
                .nanPolicy(optimization.nanPolicy())
                .data(input.data())
                .standardize(input.standardize())
                .augment(input.augment())
                .validation(input.validation())
                .validationAuto(input.validationAuto())
                .budget(extent.budget())
                .batchSize(extent.batchSize())
                .seed(execution.seed())
                .threads(execution.threads())
                .logEvery(monitoring.logEvery())
                .earlyStopping(monitoring.earlyStopping())
                .monitorTest(monitoring.monitorTest())
                .histogramEvery(monitoring.histogramEvery())
                .evalEvery(monitoring.evalEvery())
                .checkpointing(persistence.checkpointing())
                .timeLimit(persistence.timeLimit());
    }

    /** An empty builder: every part is set by name, so none can land in another's place. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The metric the {@code best} checkpoint follows: early stopping's monitor and mode when set,
     * else the validation loss (the test loss only with {@code monitor_test} and no validation
     * split), minimized.
     */
    public ModelSelection.Monitored bestMonitor() {
        return ModelSelection.bestMonitor(
                monitoring.earlyStopping(), input.hasValidation(), monitoring.monitorTest());
    }

    /** The init plan this spec describes. */
    public InitPlan plan() {
        return network.init().plan();
    }

    /**
     * The resolved configuration as flat text values, for {@code config.yaml}: each {@link
     * ConfigKey} in table order with the value it {@link ConfigKey#record records}. {@link
     * Experiment} reads it back to this spec.
     */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            Object value = key.record(this);
            if (value != null) {
                m.put(key.key(), value);
            }
        }
        return m;
    }

    /**
     * Makes a {@link TrainSpec} from parts set by name. The parts a run cannot do without ({@link
     * #REQUIRED}) must be set; the others default to "none of this": no schedule, plateau, early
     * stopping, augmentation or time limit, no accumulation, no label smoothing, no
     * standardization, no validation split, no test monitors, no checkpoints. {@link #build()}
     * makes the groups and checks the whole spec as its constructor does.
     */
    public static final class Builder {

        /** The parts {@link #build()} refuses to do without, by setter name. */
        public static final List<String> REQUIRED =
                List.of(
                        "model",
                        "init",
                        "optimizer",
                        "data",
                        "budget",
                        "batchSize",
                        "seed",
                        "threads",
                        "logEvery",
                        "nanPolicy",
                        "histogramEvery");

        private ModelSpec model;
        private InitSpec init;
        private GradientTransform optimizer;
        private DatasetSpec data;
        private Budget budget;
        private Integer batchSize;
        private Long seed;
        private Threads threads;
        private Integer logEvery;
        private boolean standardize;
        private Schedule schedule;
        private ReduceOnPlateau plateau;
        private EarlyStopping earlyStopping;
        private int accumulate = 1;
        private double labelSmoothing;
        private NanPolicy nanPolicy;
        private Checkpointing checkpointing = Checkpointing.OFF;
        private Duration timeLimit;
        private double validation;
        private boolean validationAuto;
        private boolean monitorTest;
        private Integer histogramEvery;
        private int evalEvery;
        private Augmentation augment;

        private Builder() {}

        public Builder model(ModelSpec value) {
            model = value;
            return this;
        }

        public Builder init(InitSpec value) {
            init = value;
            return this;
        }

        public Builder optimizer(GradientTransform value) {
            optimizer = value;
            return this;
        }

        public Builder data(DatasetSpec value) {
            data = value;
            return this;
        }

        public Builder budget(Budget value) {
            budget = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder threads(Threads value) {
            threads = value;
            return this;
        }

        public Builder logEvery(int value) {
            logEvery = value;
            return this;
        }

        public Builder standardize(boolean value) {
            standardize = value;
            return this;
        }

        /** The learning-rate schedule, or null for a constant lr. */
        public Builder schedule(Schedule value) {
            schedule = value;
            return this;
        }

        /** Reduce-on-plateau, or null for none. */
        public Builder plateau(ReduceOnPlateau value) {
            plateau = value;
            return this;
        }

        /** Early stopping, or null for none. */
        public Builder earlyStopping(EarlyStopping value) {
            earlyStopping = value;
            return this;
        }

        public Builder accumulate(int value) {
            accumulate = value;
            return this;
        }

        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        public Builder nanPolicy(NanPolicy value) {
            nanPolicy = value;
            return this;
        }

        public Builder checkpointing(Checkpointing value) {
            checkpointing = value;
            return this;
        }

        /** The wall-clock limit of this process's training, or null for none. */
        public Builder timeLimit(Duration value) {
            timeLimit = value;
            return this;
        }

        public Builder validation(double value) {
            validation = value;
            return this;
        }

        public Builder validationAuto(boolean value) {
            validationAuto = value;
            return this;
        }

        public Builder monitorTest(boolean value) {
            monitorTest = value;
            return this;
        }

        public Builder histogramEvery(int value) {
            histogramEvery = value;
            return this;
        }

        /** Also evaluate every this many steps (default 0: at each epoch's end only). */
        public Builder evalEvery(int value) {
            evalEvery = value;
            return this;
        }

        /** The augmentation of training batches, or null for none. */
        public Builder augment(Augmentation value) {
            augment = value;
            return this;
        }

        /**
         * The spec, checked as every spec is. The groups are made, and the checks across them run,
         * in the order the checks always ran, so a spec with several faults reports the same one
         * first.
         *
         * @throws IllegalStateException naming every required part that was not set
         */
        public TrainSpec build() {
            List<String> missing = new ArrayList<>();
            need(missing, "model", model);
            need(missing, "init", init);
            need(missing, "optimizer", optimizer);
            need(missing, "data", data);
            need(missing, "budget", budget);
            need(missing, "batchSize", batchSize);
            need(missing, "seed", seed);
            need(missing, "threads", threads);
            need(missing, "logEvery", logEvery);
            need(missing, "nanPolicy", nanPolicy);
            need(missing, "histogramEvery", histogramEvery);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "TrainSpec.Builder: no "
                                + String.join(", ", missing)
                                + " set; a spec needs "
                                + String.join(", ", REQUIRED));
            }
            Extent extent = new Extent(budget, batchSize);
            Input input = new Input(data, standardize, augment, validation, validationAuto);
            checkMonitors(
                    plateau, earlyStopping, checkpointing, input.hasValidation(), monitorTest);
            checkAccumulate(accumulate, batchSize);
            Optimization optimization =
                    new Optimization(
                            optimizer, schedule, plateau, accumulate, labelSmoothing, nanPolicy);
            checkRollback(nanPolicy, checkpointing);
            checkEvalEvery(evalEvery, plateau, earlyStopping);
            Monitoring monitoring =
                    new Monitoring(logEvery, earlyStopping, monitorTest, histogramEvery, evalEvery);
            return new TrainSpec(
                    new Network(model, init),
                    optimization,
                    input,
                    extent,
                    new Execution(seed, threads),
                    monitoring,
                    new Persistence(checkpointing, timeLimit));
        }

        private static void need(List<String> missing, String part, Object value) {
            if (value == null) {
                missing.add(part);
            }
        }
    }
}
