package io.kindling.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop. {@link #step} is the whole optimizer step in one read:
 * batch → forward → loss → backward → transforms → update → zero gradients.
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
    private final List<InitPlan.Entry> plan;
    private final ParameterStore store;
    private final List<NDArray> params;
    private final NDArray[] everyArray;
    private final GradientTransform updateRule;
    private final ReduceOnPlateau.State plateau;
    private final EarlyStopping.State early;
    private List<NDArray> best;
    private final Dataset data;
    private final BatchOrder order;
    private final long totalSteps;
    private final TrainState state;
    private boolean measureGradientNorm;
    private Evaluation lastTest;
    private Evaluation lastValidation;
    private double lastGradientNorm = Double.NaN;
    private String nonFinite;
    private final TransformState optimizerState;
    private final TensorDataset train;

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
        this.plan = prepared.plan();
        this.store = prepared.parameterStore();
        this.params = model.trainable().stream().map(ModelParameter::array).toList();
        this.updateRule = spec.updateRule().bind(
                model.trainable().stream().map(ModelParameter::context).toList());
        this.optimizerState = updateRule.init(params, root);
        this.plateau = spec.plateau() == null ? null
                : spec.plateau().start(Optimizers.learningRate(spec.optimizer()));
        this.early = spec.earlyStopping() == null ? null : spec.earlyStopping().start();
        this.order = new BatchOrder(train.size(), spec.batchSize(), spec.seed(), false);
        this.totalSteps = spec.budget().totalSteps(order.batchesPerEpoch());
        this.state = new TrainState(model, totalSteps);
        List<NDArray> all = new ArrayList<>();
        model.parameters().forEach(p -> all.add(p.array()));
        all.addAll(optimizerState.allArrays());
        this.everyArray = all.toArray(NDArray[]::new);
    }

    /** What was prepared: data on the engine, the initialized model, the init report. */
    public PreparedRun prepared() {
        return prepared;
    }

    /** Runs the whole budget with no callbacks and no checkpoints. */
    public TrainResult run(TrainEvents events) {
        return run(events, List.of(), null);
    }

    /**
     * Runs the rest of the budget (all of it, or what is left after {@link #restore}),
     * reporting to {@code events}, steered by {@code callbacks}, writing checkpoints through
     * {@code checkpoints} when the spec asks for them.
     *
     * <p>Per step: engine generator reseeded from (seed, step) → forward/backward → update →
     * training record every {@code log_every} steps → at an epoch's end an evaluation (validation
     * and test), the plateau and early-stopping rules and the {@code best} checkpoint → a
     * {@code step-*} checkpoint every {@code checkpoint_every} steps. A checkpoint at step
     * {@code s} is written after every record of step {@code s}, so a run resumed from it
     * continues the records exactly.
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
        events.onStart(spec, model, plan, data.source(), totalSteps);
        callbacks.forEach(c -> c.onTrainStart(state));
        lastTest = null;
        lastValidation = null;
        List<int[]> batches = null;
        while (state.step < totalSteps && state.stopReason() == null) {
            if (batches == null) {
                batches = order.epoch(state.epoch - 1);
                long first = state.step - state.batchInEpoch;
                events.onEpochStart(state.epoch, first,
                        Math.min(batches.size(), totalSteps - first));
            }
            int[] rows = batches.get(state.batchInEpoch);
            callbacks.forEach(c -> c.onStepStart(state));
            Compute.seed(stepSeed(spec.seed(), state.step));
            measureGradientNorm = (state.step + 1) % spec.logEvery() == 0
                    || state.step + 1 == totalSteps;
            long t0 = System.nanoTime();
            double loss = step(rows, callbacks);
            state.trainNanos += System.nanoTime() - t0;
            if (nonFinite != null && handleNonFinite(events, checkpoints)) {
                batches = null;
                continue;
            }
            state.trainSamples += rows.length;
            state.step++;
            state.batchInEpoch++;
            boolean stopped = state.stopReason() != null;
            if (!stopped) {
                state.windowSum += loss;
                state.windowCount++;
            }
            double throughput = state.trainSamples / (state.trainNanos / 1e9);
            events.onStep(state.step, state.epoch, loss, throughput);
            if (!stopped && (state.step % spec.logEvery() == 0 || state.step == totalSteps)) {
                logTraining(events, throughput);
            }
            callbacks.forEach(c -> c.onStepEnd(state, loss));
            String reason = state.stopReason();
            boolean epochDone = state.batchInEpoch == batches.size();
            if (epochDone || state.step == totalSteps
                    || (reason != null && !reason.equals(StopSignal.REASON))) {
                Map<String, Object> metrics = evaluateAll();
                applyRules(metrics);
                events.onRecord(record(state.step, state.epoch, metrics));
                state.lastEvaluatedEpoch = state.epoch;
                callbacks.forEach(c -> c.onEvaluation(state, metrics));
                if (spec.histogramEvery() == 0) {
                    events.onWeights(state.step, model.parameters());
                }
                saveBestIfImproved(metrics, checkpoints, callbacks);
                if (epochDone) {
                    state.epoch++;
                    state.batchInEpoch = 0;
                    batches = null;
                }
            }
            if (spec.histogramEvery() > 0 && state.step % spec.histogramEvery() == 0) {
                events.onWeights(state.step, model.parameters());
            }
            if (ck.every() > 0 && ck.keepLast() > 0 && state.step % ck.every() == 0
                    && state.step < totalSteps && state.stopReason() == null) {
                save(checkpoints, io.kindling.checkpoint.CheckpointStore.stepName(state.step), callbacks, false);
            }
        }
        if (best != null && early.bestEpoch() != state.lastEvaluatedEpoch) {
            restoreValues(best);
            Map<String, Object> metrics = evaluateAll();
            metrics.put("restored_best_epoch", early.bestEpoch());
            events.onRecord(record(state.step, state.lastEvaluatedEpoch, metrics));
            state.lastEvaluatedEpoch = early.bestEpoch();
        }
        if (ck.keepLast() > 0) {
            save(checkpoints, io.kindling.checkpoint.CheckpointStore.stepName(state.step), callbacks, true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int epochs = state.batchInEpoch == 0 ? state.epoch - 1 : state.epoch;
        TrainResult result = new TrainResult(state.step, epochs, state.lastWindowMean, lastTest,
                lastValidation, state.trainSamples / (state.trainNanos / 1e9), seconds,
                state.stopReason());
        callbacks.forEach(c -> c.onTrainEnd(state, result));
        events.onEnd(result);
        return result;
    }

    /** Evaluates validation (when there is one) and test, keeping them as the latest. */
    private Map<String, Object> evaluateAll() {
        List<Evaluation> evals = evaluateNow();
        lastTest = evals.get(evals.size() - 1);
        lastValidation = prepared.validationData() == null ? null : evals.get(0);
        Map<String, Object> metrics = new LinkedHashMap<>();
        evals.forEach(e -> metrics.putAll(e.metrics()));
        return metrics;
    }

    /** The mean training loss of the window just ended, with throughput, grad norm and lr. */
    private void logTraining(TrainEvents events, double throughput) {
        state.lastWindowMean = state.windowSum / state.windowCount;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", state.lastWindowMean);
        metrics.put("train_samples_per_second", throughput);
        metrics.put("train_grad_norm", lastGradientNorm);
        if (spec.schedule() != null) {
            metrics.put("train_lr", spec.schedule().value(state.step - 1,
                    Optimizers.learningRate(spec.optimizer())) * state.lrFactor());
        }
        events.onRecord(record(state.step, state.epoch, metrics));
        state.windowSum = 0;
        state.windowCount = 0;
    }

    /**
     * Puts the rules' factor on the learning rate (reduce-on-plateau × NaN rollbacks) into the
     * optimizer's state, where the optimizer reads it at its next update.
     */
    void applyLrFactor() {
        double factor = state.lrFactor();
        if (optimizerState.setInjectedScales(factor) == 0 && factor != 1) {
            throw new io.kindling.config.ConfigException("Cannot change the learning rate of "
                    + spec.optimizer().print() + ": it has no lr argument; use a named"
                    + " optimizer (sgd, adam, lamb, …) or put one in the chain");
        }
    }

    /** Feeds an evaluation to reduce-on-plateau and early stopping, adding their outcomes. */
    private void applyRules(Map<String, Object> metrics) {
        if (plateau != null) {
            double base = Optimizers.learningRate(spec.optimizer());
            double lr = spec.plateau().step(plateau,
                    ((Number) metrics.get(spec.plateau().monitor())).doubleValue());
            state.plateauScale = lr / base;
            applyLrFactor();
            metrics.put("plateau_lr", lr);
        }
        if (early != null) {
            EarlyStopping.Decision d = spec.earlyStopping().step(early,
                    ((Number) metrics.get(spec.earlyStopping().monitor())).doubleValue(),
                    state.epoch);
            if (d == EarlyStopping.Decision.IMPROVED && spec.earlyStopping().restoreBest()) {
                best = snapshot(best);
            }
            if (d == EarlyStopping.Decision.STOP) {
                metrics.put("early_stopped", true);
                state.requestStop("early_stopping");
            }
        }
    }

    /** Writes the {@code best} checkpoint when the monitored metric improved. */
    private void saveBestIfImproved(Map<String, Object> metrics, Checkpointer checkpoints,
            List<Callback> callbacks) {
        if (!spec.checkpointing().keepBest()) {
            return;
        }
        String[] monitor = spec.bestMonitor();
        double value = ((Number) metrics.get(monitor[0])).doubleValue();
        double bestSoFar = state.bestMonitored;
        boolean better = Double.isNaN(bestSoFar)
                || (monitor[1].equals("min") ? value < bestSoFar : value > bestSoFar);
        if (Double.isFinite(value) && better) {
            state.bestMonitored = value;
            save(checkpoints, Checkpointer.BEST, callbacks, false);
        }
    }

    private void save(Checkpointer checkpoints, String name, List<Callback> callbacks,
            boolean last) {
        java.nio.file.Path folder = checkpoints.save(name, TrainSnapshot.files(this, last));
        callbacks.forEach(c -> c.onCheckpoint(state, folder));
    }

    /**
     * Handles a step whose loss was not finite, after its record: stop, skip, or roll back to
     * the newest checkpoint with half the learning rate.
     *
     * @return true when the run rolled back (the caller re-reads the batch order)
     */
    private boolean handleNonFinite(TrainEvents events, Checkpointer checkpoints) {
        Map<String, Object> nan = new LinkedHashMap<>();
        nan.put("non_finite_loss", true);
        nan.put("non_finite_first", nonFinite);
        nan.put("nan_policy", spec.nanPolicy());
        nonFinite = null;
        switch (spec.nanPolicy()) {
            case "stop" -> {
                state.lastWindowMean = Double.NaN;
                state.requestStop("non_finite_loss");
            }
            case "rollback" -> {
                var saved = checkpoints == null ? java.util.Optional.<Map<String, byte[]>>empty()
                        : checkpoints.newest();
                if (state.rollbacks >= TrainSpec.MAX_ROLLBACKS || saved.isEmpty()) {
                    nan.put("rollback", saved.isEmpty() ? "no checkpoint yet"
                            : "limit of " + TrainSpec.MAX_ROLLBACKS + " reached");
                    state.lastWindowMean = Double.NaN;
                    state.requestStop("non_finite_loss");
                } else {
                    int rollbacks = state.rollbacks + 1;
                    double scale = state.rollbackScale * 0.5;
                    long at = state.step + 1;
                    restore(saved.get());
                    state.rollbacks = rollbacks;
                    state.rollbackScale = scale;
                    applyLrFactor();
                    nan.put("rolled_back_to_step", state.step);
                    nan.put("lr_factor", state.lrFactor());
                    events.onRecord(record(at, state.epoch, nan));
                    return true;
                }
            }
            default -> { }
        }
        events.onRecord(record(state.step + 1, state.epoch, nan));
        return false;
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
                nonFinite = firstNonFinite(scope);
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
                lastGradientNorm = globalNorm(updates);
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
                    parts == 1 ? rows : java.util.Arrays.copyOfRange(rows, from, to));
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

    /** The first parameter (in model order) whose values or gradient are not finite. */
    private String firstNonFinite(NDManager scope) {
        for (ModelParameter p : model.trainable()) {
            NDArray a = p.array();
            if (!finite(a)) {
                return p.name() + " (values)";
            }
            if (!finite(a.getGradient())) {
                return p.name() + " (gradient)";
            }
        }
        return "none (the loss itself)";
    }

    private static boolean finite(NDArray a) {
        return a.isInfinite().logicalOr(a.isNaN()).none().getBoolean();
    }

    /** √Σ‖g‖² over every gradient, in float64 on the engine. */
    private static double globalNorm(NDArray[] grads) {
        double sum = 0;
        for (NDArray g : grads) {
            sum += g.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).square().sum()
                    .getDouble();
        }
        return Math.sqrt(sum);
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

    TransformState optimizerState() {
        return optimizerState;
    }

    ReduceOnPlateau.State plateauState() {
        return plateau;
    }

    EarlyStopping.State earlyStoppingState() {
        return early;
    }

    List<NDArray> bestWeights() {
        return best;
    }

    /**
     * Puts a checkpoint's train state back (parameters, optimizer state, loop position, rules,
     * best weights), so that {@link #run} continues where the checkpointed run was.
     */
    public void restore(Map<String, byte[]> files) {
        TrainSnapshot.restore(this, files);
    }

    /** Replaces the early-stopping best weights with a copy of {@code values}. */
    void setBestWeights(List<NDArray> values) {
        best = snapshotOf(values, best);
    }

    /** Copies of every parameter (running statistics included), replacing an older copy. */
    private List<NDArray> snapshot(List<NDArray> previous) {
        return snapshotOf(model.parameters().stream().map(ModelParameter::array).toList(),
                previous);
    }

    private List<NDArray> snapshotOf(List<NDArray> values, List<NDArray> previous) {
        if (previous != null) {
            previous.forEach(NDArray::close);
        }
        List<NDArray> copy = new ArrayList<>();
        for (NDArray v : values) {
            NDArray c = v.duplicate();
            c.attach(root);
            copy.add(c);
        }
        return copy;
    }

    /** Puts a snapshot's values back into the parameters, in place. */
    void restoreValues(List<NDArray> snapshot) {
        for (int i = 0; i < snapshot.size(); i++) {
            snapshot.get(i).copyTo(model.parameters().get(i).array());
        }
    }

    private static Map<String, Object> record(long step, int epoch, Map<String, Object> metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        r.put("epoch", epoch);
        r.putAll(metrics);
        return r;
    }

    @Override
    public void close() {
        prepared.close();
    }
}
