package io.kindling.train;

import ai.djl.ndarray.NDManager;
import io.kindling.checkpoint.CheckpointStore;
import io.kindling.config.ConfigException;
import io.kindling.data.BatchOrder;
import io.kindling.data.Dataset;
import io.kindling.engine.Compute;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;
import io.kindling.optim.Optimizers;
import io.kindling.optim.TransformState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The training loop. {@link #run} reads top to bottom: batch → step → training record → at an
 * epoch's end evaluate → judge → record → callbacks → checkpoints. The optimizer step itself is
 * {@code TrainStep} (batch → forward → loss → backward → transforms → update → zero gradients, in a
 * per-step memory scope). Reduce-on-plateau, early stopping, the NaN policy and the {@code best}
 * checkpoint are package-private {@link Callback}s that act on the run through {@code RunControl};
 * the order of all hooks is in {@link Callback}.
 */
public final class Trainer implements AutoCloseable {

    private final PreparedRun prepared;
    private final TrainSpec spec;
    private final NDManager root;
    private final Model model;
    private final Dataset data;
    private final TrainStep step;
    private final BatchOrder order;
    private final long totalSteps;
    private final TrainState state;
    private final TrainerControl control = new TrainerControl(this);
    private final PlateauRule plateau;
    private final EarlyStoppingRule early;
    private final List<Callback> rules;
    private final BestCheckpoint keepBest;
    private List<Callback> callbacks = List.of();
    private TrainEvents events;
    private Checkpointer checkpoints;
    private Evaluation lastTest;
    private Evaluation lastValidation;

    /** Builds, initializes and prepares everything {@code spec} describes. */
    public Trainer(TrainSpec spec) {
        this(new PreparedRun(spec));
    }

    /**
     * A trainer for a prepared run: adds the optimizer, the rules and the data order. The trainer
     * owns {@code prepared} from here on and closes it.
     */
    public Trainer(PreparedRun prepared) {
        this.prepared = prepared;
        this.spec = prepared.spec();
        this.root = prepared.manager();
        this.data = prepared.data();
        this.model = prepared.model();
        this.step = new TrainStep(prepared);
        this.order =
                new BatchOrder(
                        prepared.trainData().size(),
                        spec.extent().batchSize(),
                        spec.execution().seed(),
                        false);
        this.totalSteps = spec.extent().budget().totalSteps(order.batchesPerEpoch());
        this.state = new TrainState(model, totalSteps);
        this.plateau =
                spec.optimization().plateau() == null
                        ? null
                        : new PlateauRule(
                                spec.optimization().plateau(),
                                Optimizers.learningRate(spec.optimization().optimizer()),
                                control);
        this.early =
                spec.monitoring().earlyStopping() == null
                        ? null
                        : new EarlyStoppingRule(spec.monitoring().earlyStopping(), control);
        this.rules =
                Stream.of(plateau, early, new NanGuard(spec.optimization().nanPolicy(), control))
                        .filter(Objects::nonNull)
                        .toList();
        this.keepBest =
                spec.persistence().checkpointing().keepBest()
                        ? new BestCheckpoint(spec.bestMonitor(), control)
                        : null;
    }

    /** Runs the whole budget with no callbacks and no checkpoints. */
    public TrainResult run(TrainEvents events) {
        return run(events, List.of(), null);
    }

    /**
     * Runs the rest of the budget (all of it, or what is left after {@link #restore}), reporting to
     * {@code events}, steered by the trainer's rules and then {@code userCallbacks} (see {@link
     * Callback} for the order of the hooks), writing checkpoints through {@code checkpoints} when
     * the spec asks for them. A checkpoint at step {@code s} is written after every record of step
     * {@code s}, so a run resumed from it continues the records exactly.
     *
     * @param checkpoints where checkpoints go, or null for none
     */
    public TrainResult run(
            TrainEvents events, List<Callback> userCallbacks, Checkpointer checkpoints) {
        long start = System.nanoTime();
        Checkpointing ck = spec.persistence().checkpointing();
        if (ck.enabled() && checkpoints == null) {
            throw new IllegalArgumentException(
                    "the spec asks for checkpoints but no" + " checkpoint folder was given");
        }
        begin(events, userCallbacks, checkpoints);
        List<int[]> batches = null;
        while (state.step < totalSteps && state.stopReason() == null) {
            if (batches == null) {
                batches = order.epoch(state.epoch - 1);
                long first = state.step - state.batchInEpoch;
                events.onEpochStart(
                        state.epoch, first, Math.min(batches.size(), totalSteps - first));
            }
            int[] rows = batches.get(state.batchInEpoch);
            callbacks.forEach(c -> c.onStepStart(state));
            double loss = timedStep(rows);
            if (!Double.isFinite(loss) && nonFiniteLoss()) {
                batches = null; // rolled back to a checkpoint: its epoch's order is re-read
                continue;
            }
            countStep(rows.length, loss);
            callbacks.forEach(c -> c.onStepEnd(state, loss));
            String reason = state.stopReason();
            boolean epochDone = state.batchInEpoch == batches.size();
            int evalEvery = spec.monitoring().evalEvery();
            if (epochDone
                    || (evalEvery > 0 && state.step % evalEvery == 0)
                    || state.step == totalSteps
                    || (reason != null && !reason.equals(StopSignal.REASON))) {
                Map<String, Object> metrics = evaluate();
                callbacks.forEach(c -> c.judgeEvaluation(state, metrics));
                record(state.step, state.epoch, metrics);
                state.lastEvaluatedEpoch = state.epoch;
                if (spec.monitoring().histogramEvery() == 0) {
                    events.onWeights(state.step, model.parameters());
                }
                callbacks.forEach(c -> c.onEvaluation(state, metrics)); // best checkpoint last
            }
            if (epochDone) {
                state.epoch++;
                state.batchInEpoch = 0;
                batches = null;
            }
            if (spec.monitoring().histogramEvery() > 0
                    && state.step % spec.monitoring().histogramEvery() == 0) {
                events.onWeights(state.step, model.parameters());
            }
            if (ck.every() > 0
                    && ck.keepLast() > 0
                    && state.step % ck.every() == 0
                    && state.step < totalSteps
                    && state.stopReason() == null) {
                save(CheckpointStore.stepName(state.step), false);
            }
        }
        callbacks.forEach(c -> c.beforeTrainEnd(state));
        if (ck.keepLast() > 0) {
            save(CheckpointStore.stepName(state.step), true);
        }
        return end(start);
    }

    /** Sets up one run: its sinks, [rules…, callbacks…, best checkpoint], the start hooks. */
    private void begin(TrainEvents events, List<Callback> user, Checkpointer checkpoints) {
        this.events = events;
        this.checkpoints = checkpoints;
        List<Callback> all = new ArrayList<>(rules);
        all.addAll(user);
        if (keepBest != null) {
            all.add(keepBest);
        }
        this.callbacks = List.copyOf(all);
        lastTest = null;
        lastValidation = null;
        events.onStart(spec, model, prepared.plan(), data.source(), totalSteps);
        callbacks.forEach(c -> c.onTrainStart(state));
    }

    private TrainResult end(long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int epochs = state.batchInEpoch == 0 ? state.epoch - 1 : state.epoch;
        TrainResult result =
                new TrainResult(
                        state.step,
                        epochs,
                        state.lastWindowMean,
                        lastTest,
                        lastValidation,
                        state.trainSamples / (state.trainNanos / 1e9),
                        seconds,
                        state.stopReason());
        callbacks.forEach(c -> c.onTrainEnd(state, result));
        events.onEnd(result);
        return result;
    }

    /** One step on the engine generator reseeded from (seed, step), timed. */
    private double timedStep(int[] rows) {
        Compute.seed(TrainStep.seed(spec.execution().seed(), state.step));
        boolean logged =
                (state.step + 1) % spec.monitoring().logEvery() == 0
                        || state.step + 1 == totalSteps;
        long t0 = System.nanoTime();
        double loss =
                step.run(
                        rows,
                        state.step,
                        logged,
                        gradients -> callbacks.forEach(c -> c.afterBackward(state, gradients)));
        state.trainNanos += System.nanoTime() - t0;
        return loss;
    }

    /**
     * Counts a finished step: the loss window, the step event and, every {@code log_every} steps,
     * the training record (mean loss of the window, throughput, grad norm and, with a schedule, the
     * lr the optimizer's last update used, read from its state).
     */
    private void countStep(int samples, double loss) {
        state.trainSamples += samples;
        state.step++;
        state.batchInEpoch++;
        boolean stopped = state.stopReason() != null; // e.g. a NaN stop: not in the window
        if (!stopped) {
            state.windowSum += loss;
            state.windowCount++;
        }
        events.onStep(state.step, state.epoch, loss, throughput());
        if (!stopped
                && (state.step % spec.monitoring().logEvery() == 0 || state.step == totalSteps)) {
            state.lastWindowMean = state.windowSum / state.windowCount;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", state.lastWindowMean);
            metrics.put("train_samples_per_second", throughput());
            metrics.put("train_grad_norm", step.gradientNorm());
            if (spec.optimization().schedule() != null) {
                metrics.put("train_lr", step.learningRate());
            }
            record(state.step, state.epoch, metrics);
            state.windowSum = 0;
            state.windowCount = 0;
        }
    }

    private double throughput() {
        return state.trainSamples / (state.trainNanos / 1e9);
    }

    /**
     * A step whose loss was not finite: its record goes through every callback's {@link
     * Callback#onNonFiniteLoss} (the NaN policy first), then is written.
     *
     * @return true when a callback rolled the run back to a checkpoint
     */
    private boolean nonFiniteLoss() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("non_finite_loss", true);
        record.put("non_finite_first", step.nonFinite());
        long at = state.step + 1;
        callbacks.forEach(c -> c.onNonFiniteLoss(state, record));
        record(at, state.epoch, record);
        return control.rewound();
    }

    /** Evaluates validation (when there is one) and test, keeping them as the latest. */
    Map<String, Object> evaluate() {
        List<Evaluation> evals = evaluateNow();
        lastTest = evals.get(evals.size() - 1);
        lastValidation = prepared.validationData() == null ? null : evals.get(0);
        Map<String, Object> metrics = new LinkedHashMap<>();
        evals.forEach(e -> metrics.putAll(e.metrics()));
        return metrics;
    }

    /** Writes a record of step {@code step}, epoch {@code epoch} to the run's sinks. */
    void record(long step, int epoch, Map<String, Object> metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        r.put("epoch", epoch);
        r.putAll(metrics);
        events.onRecord(r);
    }

    void save(String name, boolean last) {
        Path folder = checkpoints.save(name, TrainSnapshot.files(this, last));
        callbacks.forEach(c -> c.onCheckpoint(state, folder));
    }

    /**
     * Puts the rules' factor on the learning rate (reduce-on-plateau × NaN rollbacks) into the
     * optimizer's state, where the optimizer reads it at its next update.
     */
    void applyLrFactor() {
        double factor = state.lrFactor();
        if (step.optimizerState().setInjectedScales(factor) == 0 && factor != 1) {
            throw new ConfigException(
                    "Cannot change the learning rate of "
                            + spec.optimization().optimizer().print()
                            + ": it has no lr argument; use a named"
                            + " optimizer (sgd, adam, lamb, …) or put one in the chain");
        }
    }

    /**
     * One optimizer step on the given training rows (no callbacks, no records).
     *
     * @param rows indices of the batch's examples
     * @return the batch's mean training loss
     */
    public double step(int[] rows) {
        return step.run(rows, state.step, false, gradients -> {});
    }

    /** What was prepared: data on the engine, the initialized model, the init report. */
    public PreparedRun prepared() {
        return prepared;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** The manager that owns the run's tensors (for tests that watch memory). */
    public NDManager manager() {
        return root;
    }

    /** Evaluations of the current parameters: validation (when there is one), then test. */
    public List<Evaluation> evaluateNow() {
        return prepared.evaluate();
    }

    /** The data as trained on (after any validation holdout). */
    public Dataset data() {
        return data;
    }

    /** Where the run stands. */
    public TrainState state() {
        return state;
    }

    /** The spec being run. */
    public TrainSpec spec() {
        return spec;
    }

    /**
     * Puts a checkpoint's train state back (parameters, optimizer state, loop position, rules, best
     * weights), so that {@link #run} continues where the checkpointed run was.
     */
    public void restore(Map<String, byte[]> files) {
        TrainSnapshot.restore(this, files);
    }

    TransformState optimizerState() {
        return step.optimizerState();
    }

    /** The newest {@code step-*} checkpoint of the run in progress, if any. */
    Optional<Map<String, byte[]>> newestCheckpoint() {
        return checkpoints == null ? Optional.empty() : checkpoints.newest();
    }

    /** The rules, for checkpoints: reduce-on-plateau and early stopping (null when off). */
    PlateauRule plateauRule() {
        return plateau;
    }

    EarlyStoppingRule earlyStoppingRule() {
        return early;
    }

    TrainerControl control() {
        return control;
    }

    @Override
    public void close() {
        prepared.close();
    }
}
