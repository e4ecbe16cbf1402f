package io.kindling.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kindling.data.Dataset;
import io.kindling.data.TensorDataset;
import io.kindling.engine.Compute;
import io.kindling.engine.Scalars;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.LearningRates;
import io.kindling.optim.TransformState;
import io.kindling.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One optimizer step in one read: batch → forward → task loss → backward → transforms → update →
 * zero gradients. It owns the optimizer (the transform chain bound to the trainable parameters, and
 * its state).
 *
 * <p>Every tensor a step creates lives in a per-step scope that is closed at the end of the step,
 * so memory stays flat however long the run. Parameters and optimizer state are attached to that
 * scope only for the step's duration and then return to the run's manager.
 */
final class TrainStep {

    private final TrainSpec spec;
    private final Task task;
    private final NDManager root;
    private final Engine engine;
    private final Model model;
    private final ParameterStore store;
    private final Dataset data;
    private final TensorDataset train;
    private final List<NDArray> params;
    private final NDArray[] everyArray;
    private final GradientTransform updateRule;
    private final TransformState optimizerState;
    private double gradientNorm = Double.NaN;
    private String nonFinite;

    TrainStep(PreparedRun prepared) {
        this.spec = prepared.spec();
        this.task = prepared.task();
        this.root = prepared.manager();
        this.engine = prepared.engine();
        this.model = prepared.model();
        this.store = prepared.parameterStore();
        this.data = prepared.data();
        this.train = prepared.trainData();
        this.params = model.trainable().stream().map(ModelParameter::array).toList();
        this.updateRule =
                spec.updateRule()
                        .bind(model.trainable().stream().map(ModelParameter::context).toList());
        this.optimizerState = updateRule.init(params, root);
        List<NDArray> all = new ArrayList<>();
        model.parameters().forEach(p -> all.add(p.array()));
        all.addAll(optimizerState.allArrays());
        this.everyArray = all.toArray(NDArray[]::new);
    }

    /**
     * One optimizer step on the given training rows.
     *
     * @param rows indices of the batch's examples
     * @param done steps done before this one (augmentation draws from (seed, step))
     * @param measureNorm whether to measure the gradients' global norm ({@link #gradientNorm})
     * @param afterBackward sees the complete gradients before the update
     * @return the batch's mean training loss; when it is not finite no update was applied, the
     *     gradients are zeroed and {@link #nonFinite} says where it began
     */
    double run(int[] rows, long done, boolean measureNorm, Consumer<List<NDArray>> afterBackward) {
        try (NDManager scope = root.newSubManager()) {
            scope.tempAttachAll(everyArray);
            double loss = forwardBackward(scope, rows, done);
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
            afterBackward.accept(List.of(updates));
            if (measureNorm) {
                gradientNorm = Gradients.globalNorm(updates);
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
     * Forward and backward over the batch in {@code spec.optimization().accumulate()}
     * micro-batches; each micro-batch's mean loss is weighted by its share of the batch, so the
     * accumulated gradient is the gradient of the whole batch's mean loss.
     */
    private double forwardBackward(NDManager scope, int[] rows, long done) {
        int parts = Math.min(spec.optimization().accumulate(), rows.length);
        double loss = 0;
        for (int k = 0; k < parts; k++) {
            int from = rows.length * k / parts;
            int to = rows.length * (k + 1) / parts;
            NDList batch =
                    train.batch(scope, parts == 1 ? rows : Arrays.copyOfRange(rows, from, to));
            if (spec.input().augment() != null && !spec.input().augment().isIdentity()) {
                int[] image = data.imageShape();
                batch =
                        new NDList(
                                spec.input()
                                        .augment()
                                        .apply(
                                                batch.get(0),
                                                image[0],
                                                image[1],
                                                seed(~spec.execution().seed(), done * 1024 + k)),
                                batch.get(1));
            }
            try (GradientCollector tape = engine.newGradientCollector()) {
                NDArray output =
                        model.block()
                                .forward(store, new NDList(batch.get(0)), true)
                                .singletonOrThrow();
                NDArray part = task.trainingLoss(output, batch.get(1));
                if (parts > 1) {
                    part = part.mul(Scalars.like(part, (double) (to - from) / rows.length));
                }
                tape.backward(part);
                loss += part.getFloat();
            }
        }
        return loss;
    }

    /** A well-mixed engine seed for step {@code step} of a run seeded {@code seed}. */
    static long seed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The global gradient norm at the last step that measured it (NaN before any). */
    double gradientNorm() {
        return gradientNorm;
    }

    /** Where the last non-finite loss began: the first parameter with NaN/∞ in it. */
    String nonFinite() {
        return nonFinite;
    }

    /**
     * The learning rate of the optimizer's latest update, read from its state ({@link
     * LearningRates#current}); NaN when the optimizer has none.
     */
    double learningRate() {
        return LearningRates.current(updateRule, optimizerState).orElse(Double.NaN);
    }

    /** The optimizer's state (buffers, update counts, injected lr scales). */
    TransformState optimizerState() {
        return optimizerState;
    }
}
