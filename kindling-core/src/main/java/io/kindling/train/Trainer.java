package io.kindling.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kindling.checkpoint.CheckpointStore;
import io.kindling.config.ConfigException;
import io.kindling.data.BatchOrder;
import io.kindling.data.Dataset;
import io.kindling.data.TensorDataset;
import io.kindling.engine.Compute;
import io.kindling.engine.Scalars;
import io.kindling.init.InitPlan;
import io.kindling.metrics.CrossEntropy;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.Optimizers;
import io.kindling.optim.TransformState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training loop. {@link #run} is the loop in one read: batch → step → training record →
 * at an epoch's end evaluate → judge → record → callbacks → checkpoints. {@link #step} is the
 * whole optimizer step: batch → forward → loss → backward → transforms → update → zero
 * gradients. Reduce-on-plateau, early stopping, the NaN policy and the {@code best}
 * checkpoint are {@link Callback}s ({@link PlateauRule}, {@link EarlyStoppingRule},
 * {@link NanPolicy}, {@link BestCheckpoint}) that act on the run through {@link RunControl}.
 *
 * <p>Every tensor a step creates lives in a per-step scope that is closed at the end of the
 * step, so memory stays flat however long the run. Parameters and optimizer state are
 * attached to that scope only for the step's duration and then return to the run's manager.
 */
public final class Trainer implements AutoCloseable {

    private final PreparedRun prepared;
    private final TrainSpec spec;
    private final NDManager root;
    private final Engine engine;
    private final Model model;
    private final ParameterStore store;
    private final List<NDArray> params;
    private final NDArray[] everyArray;
    private final GradientTransform updateRule;
    private final TransformState optimizerState;
    private final Dataset data;
    private final TensorDataset train;
    private final BatchOrder order;
    private final long totalSteps;
    private final TrainState state;
    private final RunControl control = new Control();
    private final PlateauRule plateau;
    private final EarlyStoppingRule early;
    private final List<Callback> rules = new ArrayList<>();
    private final BestCheckpoint keepBest;
    private List<Callback> callbacks = List.of();
    private TrainEvents events;
    private Checkpointer checkpoints;
    private boolean measureGradientNorm;
    private double lastGradientNorm = Double.NaN;
    private String nonFinite;
    private boolean rewound;
    private Evaluation lastTest;
    private Evaluation lastValidation;

    /** Builds, initializes and prepares everything {@code spec} describes. */
    public Trainer(TrainSpec spec) {
        this(new PreparedRun(spec));
    }

    /**
     * A trainer for a prepared run: adds the optimizer, the rules and the data order. The
     * trainer owns {@code prepared} from here on and closes it.
     */
    public Trainer(PreparedRun prepared) {
        this.prepared = prepared;
        this.spec = prepared.spec();
        this.root = prepared.manager();
        this.engine = prepared.engine();
        this.data = prepared.data();
        this.train = prepared.trainData();
        this.model = prepared.model();
        this.store = prepared.parameterStore();
        this.params = model.trainable().stream().map(ModelParameter::array).toList();
        this.updateRule = spec.updateRule().bind(
                model.trainable().stream().map(ModelParameter::context).toList());
        this.optimizerState = updateRule.init(params, root);
        this.order = new BatchOrder(train.size(), spec.batchSize(), spec.seed(), false);
        this.totalSteps = spec.budget().totalSteps(order.batchesPerEpoch());
        this.state = new TrainState(model, totalSteps);
        List<NDArray> all = new ArrayList<>();
        model.parameters().forEach(p -> all.add(p.array()));
        all.addAll(optimizerState.allArrays());
        this.everyArray = all.toArray(NDArray[]::new);
        this.plateau = spec.plateau() == null ? null : new PlateauRule(spec.plateau(),
                Optimizers.learningRate(spec.optimizer()), control);
        this.early = spec.earlyStopping() == null ? null
                : new EarlyStoppingRule(spec.earlyStopping(), control);
        if (plateau != null) {
            rules.add(plateau);
        }
        if (early != null) {
            rules.add(early);
        }
        rules.add(new NanPolicy(spec.nanPolicy(), control));
        this.keepBest = spec.checkpointing().keepBest()
                ? new BestCheckpoint(spec.bestMonitor(), control) : null;
    }

    /** Runs the whole budget with no callbacks and no checkpoints. */
    public TrainResult run(TrainEvents events) {
        return run(events, List.of(), null);
    }

    /**
     * Runs the rest of the budget (all of it, or what is left after {@link #restore}),
     * reporting to {@code events}, steered by the trainer's rules and then {@code callbacks}
     * (see {@link Callback} for the order of the hooks), writing checkpoints through
     * {@code checkpoints} when the spec asks for them. A checkpoint at step {@code s} is
     * written after every record of step {@code s}, so a run resumed from it continues the
     * records exactly.
     *
     * @param checkpoints where checkpoints go, or null for none
     */
    public TrainResult run(TrainEvents events, List<Callback> callbacks, Checkpointer checkpoints) {
        long start = System.nanoTime();
        Checkpointing ck = spec.checkpointing();
        if (ck.enabled() && checkpoints == null) {
            throw new IllegalArgumentException("the spec asks for checkpoints but no"
                    + " checkpoint folder was given");
        }
        begin(events, callbacks, checkpoints);
        List<int[]> batches = null;
        while (state.step < totalSteps && state.stopReason() == null) {
            if (batches == null) {
                batches = order.epoch(state.epoch - 1);
                long first = state.step - state.batchInEpoch;
                events.onEpochStart(state.epoch, first,
                        Math.min(batches.size(), totalSteps - first));
            }
            int[] rows = batches.get(state.batchInEpoch);
            this.callbacks.forEach(c -> c.onStepStart(state));
            double loss = timedStep(rows);
            if (nonFinite != null && nonFiniteLoss()) {
                batches = null; // rolled back to a checkpoint: its epoch's order is re-read
                continue;
            }
            countStep(rows.length, loss);
            this.callbacks.forEach(c -> c.onStepEnd(state, loss));
            String reason = state.stopReason();
            boolean epochDone = state.batchInEpoch == batches.size();
            if (epochDone || state.step == totalSteps
                    || (reason != null && !reason.equals(StopSignal.REASON))) {
                Map<String, Object> metrics = evaluate();
                this.callbacks.forEach(c -> c.judgeEvaluation(state, metrics));
                record(state.step, state.epoch, metrics);
                state.lastEvaluatedEpoch = state.epoch;
                if (spec.histogramEvery() == 0) {
                    events.onWeights(state.step, model.parameters());
                }
                this.callbacks.forEach(c -> c.onEvaluation(state, metrics)); // best checkpoint last
            }
            if (epochDone) {
                state.epoch++;
                state.batchInEpoch = 0;
                batches = null;
            }
            if (spec.histogramEvery() > 0 && state.step % spec.histogramEvery() == 0) {
                events.onWeights(state.step, model.parameters());
            }
            if (ck.every() > 0 && ck.keepLast() > 0 && state.step % ck.every() == 0
                    && state.step < totalSteps && state.stopReason() == null) {
                save(CheckpointStore.stepName(state.step), false);
            }
        }
        this.callbacks.forEach(c -> c.beforeTrainEnd(state));
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
        TrainResult result = new TrainResult(state.step, epochs, state.lastWindowMean, lastTest,
                lastValidation, state.trainSamples / (state.trainNanos / 1e9), seconds,
                state.stopReason());
        callbacks.forEach(c -> c.onTrainEnd(state, result));
        events.onEnd(result);
        return result;
    }

    /** One step on the engine generator reseeded from (seed, step), timed. */
    private double timedStep(int[] rows) {
        Compute.seed(stepSeed(spec.seed(), state.step));
        measureGradientNorm = (state.step + 1) % spec.logEvery() == 0
                || state.step + 1 == totalSteps;
        long t0 = System.nanoTime();
        double loss = step(rows, callbacks);
        state.trainNanos += System.nanoTime() - t0;
        return loss;
    }

    /**
     * Counts a finished step: the loss window, the step event and, every {@code log_every}
     * steps, the training record (mean loss of the window, throughput, grad norm and lr).
     */
    private void countStep(int samples, double loss) {
        state.trainSamples += samples;
        state.step++;
        state.batchInEpoch++;
        boolean stopped = state.stopReason() != null; // a stopping step is not in the window
        if (!stopped) {
            state.windowSum += loss;
            state.windowCount++;
        }
        events.onStep(state.step, state.epoch, loss, throughput());
        if (!stopped && (state.step % spec.logEvery() == 0 || state.step == totalSteps)) {
            state.lastWindowMean = state.windowSum / state.windowCount;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", state.lastWindowMean);
            metrics.put("train_samples_per_second", throughput());
            metrics.put("train_grad_norm", lastGradientNorm);
            if (spec.schedule() != null) {
                metrics.put("train_lr", spec.schedule().value(state.step - 1,
                        Optimizers.learningRate(spec.optimizer())) * state.lrFactor());
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
     * A step whose loss was not finite: its record goes through every callback's
     * {@link Callback#onNonFiniteLoss} (the NaN policy first), then is written.
     *
     * @return true when a callback rolled the run back to a checkpoint
     */
    private boolean nonFiniteLoss() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("non_finite_loss", true);
        record.put("non_finite_first", nonFinite);
        nonFinite = null;
        long at = state.step + 1;
        rewound = false;
        callbacks.forEach(c -> c.onNonFiniteLoss(state, record));
        record(at, state.epoch, record);
        return rewound;
    }

    /** Evaluates validation (when there is one) and test, keeping them as the latest. */
    private Map<String, Object> evaluate() {
        List<Evaluation> evals = evaluateNow();
        lastTest = evals.get(evals.size() - 1);
        lastValidation = prepared.validationData() == null ? null : evals.get(0);
        Map<String, Object> metrics = new LinkedHashMap<>();
        evals.forEach(e -> metrics.putAll(e.metrics()));
        return metrics;
    }

    private void record(long step, int epoch, Map<String, Object> metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        r.put("epoch", epoch);
        r.putAll(metrics);
        events.onRecord(r);
    }

    private void save(String name, boolean last) {
        java.nio.file.Path folder = checkpoints.save(name, TrainSnapshot.files(this, last));
        callbacks.forEach(c -> c.onCheckpoint(state, folder));
    }

    /**
     * Puts the rules' factor on the learning rate (reduce-on-plateau × NaN rollbacks) into the
     * optimizer's state, where the optimizer reads it at its next update.
     */
    void applyLrFactor() {
        double factor = state.lrFactor();
        if (optimizerState.setInjectedScales(factor) == 0 && factor != 1) {
            throw new ConfigException("Cannot change the learning rate of "
                    + spec.optimizer().print() + ": it has no lr argument; use a named"
                    + " optimizer (sgd, adam, lamb, …) or put one in the chain");
        }
    }

    /** What the rules may do to the run (see {@link RunControl}). */
    private final class Control implements RunControl {

        @Override
        public void applyLrFactor() {
            Trainer.this.applyLrFactor();
        }

        @Override
        public List<NDArray> copyWeights() {
            return copies(model.parameters().stream().map(ModelParameter::array).toList());
        }

        @Override
        public void restoreWeights(List<NDArray> copies) {
            for (int i = 0; i < copies.size(); i++) {
                copies.get(i).copyTo(model.parameters().get(i).array());
            }
        }

        @Override
        public Map<String, Object> evaluate() {
            return Trainer.this.evaluate();
        }

        @Override
        public void record(long step, int epoch, Map<String, Object> metrics) {
            Trainer.this.record(step, epoch, metrics);
        }

        @Override
        public void saveCheckpoint(String name) {
            save(name, false);
        }

        @Override
        public Optional<Map<String, byte[]>> newestCheckpoint() {
            return checkpoints == null ? Optional.empty() : checkpoints.newest();
        }

        @Override
        public void restore(Map<String, byte[]> files) {
            Trainer.this.restore(files);
            rewound = true;
        }
    }

    /** Copies of {@code values} owned by the run's manager. */
    private List<NDArray> copies(List<NDArray> values) {
        List<NDArray> copy = new ArrayList<>();
        for (NDArray v : values) {
            NDArray c = v.duplicate();
            c.attach(root);
            copy.add(c);
        }
        return copy;
    }

    /** A well-mixed engine seed for step {@code step} of a run seeded {@code seed}. */
    static long stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * One optimizer step on the given training rows.
     *
     * @param rows indices of the batch's examples
     * @return the batch's mean training loss
     */
    public double step(int[] rows) {
        return step(rows, List.of());
    }

    private double step(int[] rows, List<Callback> callbacks) {
        try (NDManager scope = root.newSubManager()) {
            scope.tempAttachAll(everyArray);
            double loss = forwardBackward(scope, rows);
            if (!Double.isFinite(loss)) {
                nonFinite = Gradients.firstNonFinite(model.trainable());
                for (NDArray p : params) {
                    Compute.zeroGradient(p);
                }
                return loss;
            }
            NDArray[] updates = new NDArray[params.size()];
            for (int i = 0; i < updates.length; i++) {
                updates[i] = params.get(i).getGradient();
            }
            if (!callbacks.isEmpty()) {
                List<NDArray> grads = List.of(updates);
                callbacks.forEach(c -> c.afterBackward(state, grads));
            }
            if (measureGradientNorm) {
                lastGradientNorm = Gradients.globalNorm(updates);
            }
            updateRule.update(updates, optimizerState, params);
            for (int i = 0; i < updates.length; i++) {
                params.get(i).addi(updates[i]);
                Compute.zeroGradient(params.get(i));
            }
            return loss;
        }
    }

    /**
     * Forward and backward over the batch in {@code spec.accumulate()} micro-batches; each
     * micro-batch's mean loss is weighted by its share of the batch, so the accumulated
     * gradient is the gradient of the whole batch's mean loss.
     */
    private double forwardBackward(NDManager scope, int[] rows) {
        int parts = Math.min(spec.accumulate(), rows.length);
        double loss = 0;
        for (int k = 0; k < parts; k++) {
            int from = rows.length * k / parts;
            int to = rows.length * (k + 1) / parts;
            NDList batch = train.batch(scope,
                    parts == 1 ? rows : Arrays.copyOfRange(rows, from, to));
            if (spec.augment() != null && !spec.augment().isIdentity()) {
                int[] image = data.imageShape();
                batch = new NDList(spec.augment().apply(batch.get(0), image[0], image[1],
                        stepSeed(~spec.seed(), state.step * 1024 + k)), batch.get(1));
            }
            try (GradientCollector tape = engine.newGradientCollector()) {
                NDArray logits = model.block()
                        .forward(store, new NDList(batch.get(0)), true).singletonOrThrow();
                NDArray part = CrossEntropy.mean(logits, batch.get(1), spec.labelSmoothing());
                if (parts > 1) {
                    part = part.mul(Scalars.like(part, (double) (to - from) / rows.length));
                }
                tape.backward(part);
                loss += part.getFloat();
            }
        }
        return loss;
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
     * Puts a checkpoint's train state back (parameters, optimizer state, loop position, rules,
     * best weights), so that {@link #run} continues where the checkpointed run was.
     */
    public void restore(Map<String, byte[]> files) {
        TrainSnapshot.restore(this, files);
    }

    TransformState optimizerState() {
        return optimizerState;
    }

    ReduceOnPlateau.State plateauState() {
        return plateau == null ? null : plateau.position();
    }

    EarlyStopping.State earlyStoppingState() {
        return early == null ? null : early.position();
    }

    List<NDArray> bestWeights() {
        return early == null ? null : early.bestWeights();
    }

    /** Replaces the early-stopping best weights with a copy of {@code values}. */
    void setBestWeights(List<NDArray> values) {
        if (early != null) {
            early.setBestWeights(copies(values));
        }
    }

    @Override
    public void close() {
        prepared.close();
    }
}
