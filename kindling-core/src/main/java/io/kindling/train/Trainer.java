package io.kindling.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kindling.data.BatchOrder;
import io.kindling.data.Dataset;
import io.kindling.data.Standardization;
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
    private double plateauScale = 1;
    private boolean measureGradientNorm;
    private double lastGradientNorm = Double.NaN;
    private String nonFinite;
    private final TransformState optimizerState;
    private final TensorDataset train;
    private final TensorDataset test;
    private final String dataSource;
    private final List<String> initReport;

    /** Builds, initializes and prepares everything {@code spec} describes. */
    public Trainer(TrainSpec spec) {
        this.spec = spec;
        this.engine = Compute.start(spec.threads());
        this.root = NDManager.newBaseManager(engine.getEngineName());
        Compute.seed(spec.seed());
        Dataset data = spec.data().load();
        this.dataSource = data.source();
        this.train = TensorDataset.train(data, root);
        this.test = TensorDataset.test(data, root);
        if (spec.standardize()) {
            Standardization fitted = Standardization.fitTrain(data);
            train.standardize(fitted);
            test.standardize(fitted);
        }
        this.model = spec.model().build(train.features(), data.classes());
        this.plan = spec.plan().apply(model, root);
        this.store = new ParameterStore(root, false);
        this.initReport = refineOnData(spec, data);
        this.params = model.trainable().stream().map(ModelParameter::array).toList();
        this.updateRule = spec.updateRule().bind(
                model.trainable().stream().map(ModelParameter::context).toList());
        this.optimizerState = updateRule.init(params, root);
        this.plateau = spec.plateau() == null ? null
                : spec.plateau().start(Optimizers.learningRate(spec.optimizer()));
        List<NDArray> all = new ArrayList<>();
        model.parameters().forEach(p -> all.add(p.array()));
        all.addAll(optimizerState.allArrays());
        this.everyArray = all.toArray(NDArray[]::new);
    }

    /**
     * Runs the data-dependent initializers (LSUV, …) on one batch of training inputs chosen by
     * a generator derived from the seed, apart from the training order.
     */
    private List<String> refineOnData(TrainSpec spec, Dataset data) {
        if (!spec.plan().needsData()) {
            return List.of();
        }
        BatchOrder pick = new BatchOrder(train.size(), Math.min(spec.batchSize(), train.size()),
                ~spec.seed(), true);
        try (NDManager scope = root.newSubManager()) {
            NDArray x = train.batch(scope, pick.epoch(0).get(0)).get(0);
            return spec.plan().refine(model, plan, x, store);
        }
    }

    /** What the data-dependent initializers did, one line per parameter. */
    public List<String> initReport() {
        return initReport;
    }

    /** Runs the whole budget, reporting to {@code events}, and evaluates on the test split. */
    public TrainResult run(TrainEvents events) {
        long start = System.nanoTime();
        BatchOrder order = new BatchOrder(train.size(), spec.batchSize(), spec.seed(), false);
        long total = spec.budget().totalSteps(order.batchesPerEpoch());
        events.onStart(spec, model, plan, dataSource, total);
        long step = 0;
        int epoch = 0;
        double windowSum = 0;
        int windowCount = 0;
        double lastWindowMean = Double.NaN;
        long trainNanos = 0;
        long trainSamples = 0;
        Evaluation lastTest = null;
        EarlyStopping.State early = spec.earlyStopping() == null ? null
                : spec.earlyStopping().start();
        List<NDArray> best = null;
        boolean stopped = false;
        while (step < total && !stopped) {
            epoch++;
            for (int[] rows : order.epoch(epoch - 1)) {
                long t0 = System.nanoTime();
                measureGradientNorm = (step + 1) % spec.logEvery() == 0 || step + 1 == total;
                double loss = step(rows);
                trainNanos += System.nanoTime() - t0;
                if (nonFinite != null) {
                    Map<String, Object> nan = new LinkedHashMap<>();
                    nan.put("non_finite_loss", true);
                    nan.put("non_finite_first", nonFinite);
                    nan.put("nan_policy", spec.nanPolicy());
                    events.onRecord(record(step + 1, epoch, nan));
                    nonFinite = null;
                    if (spec.nanPolicy().equals("stop")) {
                        stopped = true;
                        step++;
                        lastWindowMean = Double.NaN;
                        break;
                    }
                }
                trainSamples += rows.length;
                step++;
                windowSum += loss;
                windowCount++;
                double throughput = trainSamples / (trainNanos / 1e9);
                events.onStep(step, epoch, loss, throughput);
                if (step % spec.logEvery() == 0 || step == total) {
                    lastWindowMean = windowSum / windowCount;
                    Map<String, Object> metrics = new LinkedHashMap<>();
                    metrics.put("train_loss", lastWindowMean);
                    metrics.put("train_samples_per_second", throughput);
                    metrics.put("train_grad_norm", lastGradientNorm);
                    if (spec.schedule() != null) {
                        metrics.put("train_lr", spec.schedule().value(step - 1,
                                Optimizers.learningRate(spec.optimizer())));
                    }
                    events.onRecord(record(step, epoch, metrics));
                    windowSum = 0;
                    windowCount = 0;
                }
                if (step == total) {
                    break;
                }
            }
            lastTest = Evaluator.evaluate(model, store, test, "test", root);
            Map<String, Object> metrics = lastTest.metrics();
            if (plateau != null) {
                double base = Optimizers.learningRate(spec.optimizer());
                double lr = spec.plateau().step(plateau,
                        ((Number) metrics.get(spec.plateau().monitor())).doubleValue());
                plateauScale = lr / base;
                metrics.put("plateau_lr", lr);
            }
            if (early != null) {
                EarlyStopping.Decision d = spec.earlyStopping().step(early,
                        ((Number) metrics.get(spec.earlyStopping().monitor())).doubleValue(),
                        epoch);
                if (d == EarlyStopping.Decision.IMPROVED && spec.earlyStopping().restoreBest()) {
                    best = snapshot(best);
                }
                stopped = d == EarlyStopping.Decision.STOP;
                if (stopped) {
                    metrics.put("early_stopped", true);
                }
            }
            events.onRecord(record(step, epoch, metrics));
        }
        if (best != null && early.bestEpoch() != epoch) {
            restore(best);
            lastTest = Evaluator.evaluate(model, store, test, "test", root);
            Map<String, Object> metrics = lastTest.metrics();
            metrics.put("restored_best_epoch", early.bestEpoch());
            events.onRecord(record(step, epoch, metrics));
        }
        if (best != null) {
            best.forEach(NDArray::close);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainResult result = new TrainResult(step, epoch, lastWindowMean, lastTest,
                trainSamples / (trainNanos / 1e9), seconds);
        events.onEnd(result);
        return result;
    }

    /**
     * One optimizer step on the given training rows.
     *
     * @param rows indices of the batch's examples
     * @return the batch's mean training loss
     */
    public double step(int[] rows) {
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
            if (measureGradientNorm) {
                lastGradientNorm = globalNorm(updates);
            }
            updateRule.update(updates, optimizerState, params);
            if (plateauScale != 1) {
                try (NDArray s = Scalars.like(updates[0], plateauScale)) {
                    for (int i = 0; i < updates.length; i++) {
                        updates[i] = updates[i].mul(s);
                    }
                }
            }
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

    /** The resolved init plan. */
    public List<InitPlan.Entry> plan() {
        return plan;
    }

    /** The parameter store for forward passes outside the training step. */
    public ParameterStore parameterStore() {
        return store;
    }

    /** The training split. */
    public TensorDataset trainData() {
        return train;
    }

    /** The manager that owns the run's tensors (for tests that watch memory). */
    public NDManager manager() {
        return root;
    }

    /** Copies of every parameter (running statistics included), replacing an older copy. */
    private List<NDArray> snapshot(List<NDArray> previous) {
        if (previous != null) {
            previous.forEach(NDArray::close);
        }
        List<NDArray> copy = new ArrayList<>();
        for (ModelParameter p : model.parameters()) {
            NDArray c = p.array().duplicate();
            c.attach(root);
            copy.add(c);
        }
        return copy;
    }

    /** Puts a snapshot's values back into the parameters, in place. */
    private void restore(List<NDArray> snapshot) {
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
        root.close();
    }
}
