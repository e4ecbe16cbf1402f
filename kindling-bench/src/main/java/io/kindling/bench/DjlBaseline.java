package io.kindling.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import io.kindling.data.TensorDataset;
import io.kindling.init.InitPlan;
import io.kindling.nn.InputShape;
import io.kindling.nn.ModelSpec;
import java.io.IOException;
import java.util.Iterator;

/**
 * The baseline: DJL's own {@code Trainer} and {@code EasyTrain.trainBatch} on the identical
 * network, initialization, data tensors, batch size and SGD settings, with no listeners or
 * evaluators (the leanest DJL loop there is).
 */
final class DjlBaseline implements AutoCloseable {

    private final Model model;
    private final Trainer trainer;
    private final ArrayDataset dataset;
    private Iterator<Batch> batches;

    DjlBaseline(
            ModelSpec spec,
            InitPlan plan,
            TensorDataset data,
            InputShape input,
            int outputs,
            boolean regression,
            int batchSize,
            double lr,
            double momentum,
            NDManager manager) {
        io.kindling.nn.Model net = spec.build(input, outputs);
        plan.apply(net, manager);
        this.model = Model.newInstance("djl-baseline");
        model.setBlock(net.block());
        DefaultTrainingConfig config =
                // Regression (sequence values): DJL's L2 loss, ½·mean squared error, the same work;
                // token models: cross-entropy at every step.
                new DefaultTrainingConfig(
                                regression
                                        ? Loss.l2Loss()
                                        : input.isTokens()
                                                ? new PerStepLoss()
                                                : Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed((float) lr))
                                        .optMomentum((float) momentum)
                                        .build());
        this.trainer = model.newTrainer(config);
        trainer.initialize(net.inputShape());
        this.dataset =
                new ArrayDataset.Builder()
                        .setData(data.x())
                        .optLabels(data.y())
                        .setSampling(batchSize, true, true)
                        .build();
    }

    /** Runs {@code steps} DJL training steps, starting new epochs as needed. */
    void run(int steps) {
        for (int i = 0; i < steps; i++) {
            if (batches == null || !batches.hasNext()) {
                try {
                    batches = trainer.iterateDataset(dataset).iterator();
                } catch (IOException | TranslateException e) {
                    throw new IllegalStateException("DJL could not iterate the dataset", e);
                }
            }
            try (Batch batch = batches.next()) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
            }
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /**
     * DJL's softmax cross-entropy over every step of a sequence: logits (B, T, V) and labels (B, T)
     * flattened to (B·T, V) and (B·T), the same loss Kindling's step classification computes.
     */
    private static final class PerStepLoss extends Loss {

        private final Loss flat = Loss.softmaxCrossEntropyLoss();

        PerStepLoss() {
            super("PerStepSoftmaxCrossEntropyLoss");
        }

        @Override
        public ai.djl.ndarray.NDArray evaluate(
                ai.djl.ndarray.NDList labels, ai.djl.ndarray.NDList predictions) {
            ai.djl.ndarray.NDArray logits = predictions.singletonOrThrow();
            long vocab = logits.getShape().get(logits.getShape().dimension() - 1);
            return flat.evaluate(
                    new ai.djl.ndarray.NDList(labels.singletonOrThrow().reshape(-1)),
                    new ai.djl.ndarray.NDList(logits.reshape(-1, vocab)));
        }
    }
}
