package io.kindling.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.config.ConfigException;
import io.kindling.data.BatchOrder;
import io.kindling.data.Dataset;
import io.kindling.data.Splits;
import io.kindling.data.Standardization;
import io.kindling.data.TensorDataset;
import io.kindling.engine.Compute;
import io.kindling.engine.check.EngineGate;
import io.kindling.init.InitPlan;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;
import io.kindling.task.Task;
import io.kindling.task.Tasks;
import java.util.ArrayList;
import java.util.List;

/**
 * The step every use of a {@link TrainSpec} shares before training: start the engine with the
 * spec's threads and check it ({@link #startEngine}), load the data and hold out its validation
 * split, put the splits on the engine (standardized with statistics of the training split), build
 * the model, apply the init plan, and run the data-dependent initializers (LSUV, …) on a batch of
 * training inputs. The trainer trains what this prepares; {@code diagnose}, {@code plan} and {@code
 * compare}'s preflight use it directly, with no optimizer or loop.
 */
public final class PreparedRun implements AutoCloseable {

    private final TrainSpec spec;
    private final Engine engine;
    private final NDManager root;
    private final Dataset data;
    private final TensorDataset train;
    private final TensorDataset test;
    private final TensorDataset validation;
    private final Model model;
    private final List<InitPlan.Entry> plan;
    private final ParameterStore store;
    private final List<String> initReport;
    private final Task task;

    /**
     * Prepares everything {@code spec} describes up to an initialized model.
     *
     * @param spec the run
     * @throws ConfigException if the data, model and init do not fit together
     */
    public PreparedRun(TrainSpec spec) {
        this.spec = spec;
        this.engine = startEngine(spec);
        this.root = NDManager.newBaseManager(engine.getEngineName());
        try {
            Compute.seed(spec.execution().seed());
            Dataset loaded = spec.input().data().load();
            if (spec.input().validation() > 0) {
                int[][] split =
                        Splits.holdout(
                                loaded.trainTargets(),
                                spec.input().validation(),
                                spec.execution().seed());
                loaded = loaded.withValidation(split[0], split[1]);
            }
            this.data = loaded;
            this.train = data.train(root);
            this.test = data.test(root);
            this.validation = data.validation(root);
            if (spec.input().standardize()) {
                Standardization fitted = data.fitStandardization();
                train.standardize(fitted);
                test.standardize(fitted);
                if (validation != null) {
                    validation.standardize(fitted);
                }
            }
            if (spec.input().augment() != null) {
                int[] image = data.imageShape();
                if (image == null) {
                    throw new ConfigException(
                            "augment needs images, but "
                                    + data.name()
                                    + " is a table; remove augment");
                }
                spec.input().augment().checkFits(image[0], image[1]);
            }
            this.task = Tasks.forData(data, spec.optimization().labelSmoothing());
            ModelSelection.checkTask(spec.monitors(), task);
            this.model = spec.network().model().build(data.inputShape(), data.outputs());
            Tasks.checkOutput(data, model);
            this.plan = spec.plan().apply(model, root);
            this.store = new ParameterStore(root, false);
            this.initReport = refineOnData();
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Starts the engine with the spec's threads and checks that it computes right: the shipped
     * golden cases of the engine self-check run once per process ({@link EngineGate}), so a run on
     * an engine that computes wrong numbers on this CPU stops here, with the workaround, instead of
     * training and reporting wrong figures. Every run passes through it (this class's constructor);
     * {@link TrainRun} and {@link CrossValidation} call it before they create their folders, so a
     * refused run leaves nothing behind.
     *
     * @param spec the run
     * @return the engine
     * @throws io.kindling.engine.check.EngineMismatchException if the engine fails the check (and
     *     the system property {@value EngineGate#PROPERTY} does not say warn or off)
     */
    public static Engine startEngine(TrainSpec spec) {
        Engine engine = Compute.start(spec.execution().threads());
        EngineGate.requireHealthy();
        return engine;
    }

    /**
     * Runs the data-dependent initializers (LSUV, …) on one batch of training inputs chosen by a
     * generator derived from the seed, apart from the training order.
     */
    private List<String> refineOnData() {
        if (!spec.plan().needsData()) {
            return List.of();
        }
        BatchOrder pick =
                new BatchOrder(
                        train.size(),
                        Math.min(spec.extent().batchSize(), train.size()),
                        ~spec.execution().seed(),
                        true);
        try (NDManager scope = root.newSubManager()) {
            NDArray x = train.batch(scope, pick.epoch(0).get(0)).get(0);
            return spec.plan().refine(model, plan, x, store);
        }
    }

    /** Evaluations of the current parameters: validation (when there is one), then test. */
    public List<Evaluation> evaluate() {
        List<Evaluation> e = new ArrayList<>();
        if (validation != null) {
            e.add(task.evaluate(model, store, validation, "val", root));
        }
        e.add(task.evaluate(model, store, test, "test", root));
        return e;
    }

    /** What the model is trained to do, as the data say (classification, regression, …). */
    public Task task() {
        return task;
    }

    /** The spec prepared. */
    public TrainSpec spec() {
        return spec;
    }

    /** The engine, started with the spec's threads. */
    public Engine engine() {
        return engine;
    }

    /** The manager that owns every tensor of the run. */
    public NDManager manager() {
        return root;
    }

    /** The data as trained on (after any validation hold-out). */
    public Dataset data() {
        return data;
    }

    /** The training split on the engine. */
    public TensorDataset trainData() {
        return train;
    }

    /** The validation split on the engine, or null when there is none. */
    public TensorDataset validationData() {
        return validation;
    }

    /** The initialized model. */
    public Model model() {
        return model;
    }

    /** The resolved init plan. */
    public List<InitPlan.Entry> plan() {
        return plan;
    }

    /** The parameter store for forward passes. */
    public ParameterStore parameterStore() {
        return store;
    }

    /** What the data-dependent initializers did, one line per parameter. */
    public List<String> initReport() {
        return initReport;
    }

    @Override
    public void close() {
        root.close();
    }
}
