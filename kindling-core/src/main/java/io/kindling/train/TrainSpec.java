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
 * @param model what to build
 * @param init how to initialize it (the initializer given for the weights)
 * @param optimizer the update rule
 * @param data which dataset
 * @param budget epochs or steps
 * @param batchSize examples per step
 * @param seed drives initialization, data order and dropout
 * @param threads libtorch thread counts
 * @param logEvery log the training loss every this many steps
 * @param standardize standardize pixels with the training split's mean and std
 * @param schedule learning-rate schedule over the optimizer's lr, or null for a constant lr
 * @param plateau rule that lowers the lr when a metric stalls, or null
 * @param earlyStopping rule that ends the run when a metric stops improving, or null
 * @param accumulate micro-batches per optimizer step (gradient accumulation; 1 = none)
 * @param labelSmoothing ε of the cross-entropy loss, in [0, 1)
 * @param nanPolicy what a non-finite loss does: {@code stop} (end the run, parameters as after the
 *     last good step), {@code skip_step} (drop that step's update and go on) or {@code rollback}
 *     (reload the newest checkpoint, halve the learning rate and go on; at most {@link
 *     #MAX_ROLLBACKS} times)
 * @param checkpointing when checkpoints are written and kept
 * @param timeLimit wall-clock budget of this process's training, or null
 * @param validation share of the training split held out (stratified) for validation each epoch, or
 *     0 for none
 * @param validationAuto whether {@code validation} was not given but chosen automatically ({@link
 *     ModelSelection#DEFAULT_FRACTION}) because a monitor needs a validation split
 * @param monitorTest allow monitors on the test split ({@code test_*}), which make the reported
 *     test metrics optimistic; see {@link ModelSelection}
 * @param histogramEvery offer parameter values for weight histograms every this many steps (0 = at
 *     each epoch's end)
 * @param augment augmentation of training batches (images only), or null for none
 */
public record TrainSpec(
        ModelSpec model,
        InitSpec init,
        GradientTransform optimizer,
        DatasetSpec data,
        Budget budget,
        int batchSize,
        long seed,
        Threads threads,
        int logEvery,
        boolean standardize,
        Schedule schedule,
        ReduceOnPlateau plateau,
        EarlyStopping earlyStopping,
        int accumulate,
        double labelSmoothing,
        NanPolicy nanPolicy,
        Checkpointing checkpointing,
        Duration timeLimit,
        double validation,
        boolean validationAuto,
        boolean monitorTest,
        int histogramEvery,
        Augmentation augment) {

    /** Accepted values of {@code nan_policy}. */
    public static final List<String> NAN_POLICIES = NanPolicy.texts();

    /** Rollbacks a run may make before it stops. */
    public static final int MAX_ROLLBACKS = 5;

    public TrainSpec {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(validation >= 0 && validation < 1)) {
            throw new IllegalArgumentException("validation must be in [0, 1); got " + validation);
        }
        if (validationAuto && validation == 0) {
            throw new IllegalArgumentException(
                    "an automatic validation split needs a fraction" + " > 0");
        }
        boolean hasValidation = hasValidation(validation, data);
        ModelSelection.check(
                ModelSelection.monitors(
                        plateau, earlyStopping, checkpointing, hasValidation, monitorTest),
                hasValidation,
                monitorTest);
        if (accumulate < 1 || accumulate > batchSize) {
            throw new IllegalArgumentException(
                    "accumulate must be in [1, batch]; got "
                            + accumulate
                            + " for batch "
                            + batchSize);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException(
                    "label_smoothing must be in [0, 1); got " + labelSmoothing);
        }
        Objects.requireNonNull(nanPolicy, "nanPolicy");
        if (nanPolicy == NanPolicy.ROLLBACK
                && !(checkpointing.every() > 0 && checkpointing.keepLast() > 0)) {
            throw new ConfigException(
                    "nan_policy 'rollback' reloads the"
                            + " newest checkpoint, so it needs checkpoint_every > 0 and keep_last > 0");
        }
        if (histogramEvery < 0) {
            throw new IllegalArgumentException(
                    "histogram_every must be >= 0, got " + histogramEvery);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("log-every must be >= 1, got " + logEvery);
        }
    }

    private static boolean hasValidation(double validation, DatasetSpec data) {
        return validation > 0 || data instanceof FoldSpec;
    }

    /**
     * This spec training on other data (e.g. one fold of a cross-validation). An automatic
     * validation split is dropped when the new data brings its own (a fold).
     */
    public TrainSpec withData(DatasetSpec newData) {
        Builder copy = toBuilder().data(newData);
        if (validationAuto && newData instanceof FoldSpec) {
            copy.validation(0).validationAuto(false);
        }
        return copy.build();
    }

    /** What chooses on a metric in this run: plateau, early stopping, best checkpoint. */
    public List<ModelSelection.Monitor> monitors() {
        return ModelSelection.monitors(
                plateau,
                earlyStopping,
                checkpointing,
                hasValidation(validation, data),
                monitorTest);
    }

    /**
     * The update rule the trainer runs: the optimizer with its learning rate held in its state
     * ({@link LearningRates#inject}), following the schedule when there is one, so that schedules,
     * reduce-on-plateau and NaN rollback change the lr the optimizer itself uses.
     */
    public GradientTransform updateRule() {
        return LearningRates.inject(optimizer, schedule);
    }

    /** This spec with another seed (for repeats over seeds). */
    public TrainSpec withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** A builder holding every part of this spec, to copy it with some parts changed. */
    public Builder toBuilder() {
        return new Builder()
                .model(model)
                .init(init)
                .optimizer(optimizer)
                .data(data)
                .budget(budget)
                .batchSize(batchSize)
                .seed(seed)
                .threads(threads)
                .logEvery(logEvery)
                .standardize(standardize)
                .schedule(schedule)
                .plateau(plateau)
                .earlyStopping(earlyStopping)
                .accumulate(accumulate)
                .labelSmoothing(labelSmoothing)
                .nanPolicy(nanPolicy)
                .checkpointing(checkpointing)
                .timeLimit(timeLimit)
                .validation(validation)
                .validationAuto(validationAuto)
                .monitorTest(monitorTest)
                .histogramEvery(histogramEvery)
                .augment(augment);
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
                earlyStopping, hasValidation(validation, data), monitorTest);
    }

    /** The init plan this spec describes. */
    public InitPlan plan() {
        return init.plan();
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
     * checks the whole spec as its constructor does.
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

        /** The augmentation of training batches, or null for none. */
        public Builder augment(Augmentation value) {
            augment = value;
            return this;
        }

        /**
         * The spec, checked as every spec is.
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
            return new TrainSpec(
                    model,
                    init,
                    optimizer,
                    data,
                    budget,
                    batchSize,
                    seed,
                    threads,
                    logEvery,
                    standardize,
                    schedule,
                    plateau,
                    earlyStopping,
                    accumulate,
                    labelSmoothing,
                    nanPolicy,
                    checkpointing,
                    timeLimit,
                    validation,
                    validationAuto,
                    monitorTest,
                    histogramEvery,
                    augment);
        }

        private static void need(List<String> missing, String part, Object value) {
            if (value == null) {
                missing.add(part);
            }
        }
    }
}
