package io.kindling.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.metrics.ConfusionMatrix;
import io.kindling.metrics.CrossEntropy;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;

/** Scores a model on a whole split in inference mode (dropout off, batch-norm running stats). */
public final class Evaluator {

    private static final int BATCH = 1000;

    private Evaluator() {}

    /**
     * Mean cross-entropy and accuracy over every example of the split.
     *
     * @param model the model
     * @param store the parameter store used for forward passes
     * @param data the split
     * @param split its name, used as the metric prefix
     * @param root manager under which per-batch scopes are opened
     * @return the evaluation
     */
    public static Evaluation evaluate(Model model, ParameterStore store, TensorDataset data,
            String split, NDManager root) {
        double lossSum = 0;
        long correct = 0;
        long top5 = 0;
        int[] truth = new int[data.size()];
        int[] predicted = new int[data.size()];
        int n = data.size();
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            int[] rows = new int[end - start];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            try (NDManager scope = root.newSubManager()) {
                NDList batch = data.batch(scope, rows);
                NDArray logits = model.block()
                        .forward(store, new NDList(batch.get(0)), false).singletonOrThrow();
                NDArray labels = batch.get(1);
                lossSum += CrossEntropy.perExample(logits, labels).sum().getFloat();
                NDArray argMax = logits.argMax(1);
                correct += argMax.eq(labels).sum().getLong();
                int k = (int) Math.min(5, logits.getShape().get(1));
                NDArray best = logits.topK(k, 1).get(1);
                top5 += best.eq(labels.reshape(-1, 1)).sum().getLong();
                long[] p = argMax.toLongArray();
                long[] t = labels.toLongArray();
                for (int i = 0; i < rows.length; i++) {
                    predicted[start + i] = (int) p[i];
                    truth[start + i] = (int) t[i];
                }
            }
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(truth, predicted, data.classes());
        return new Evaluation(split, n, lossSum / n, (double) correct / n, (double) top5 / n,
                confusion);
    }
}
