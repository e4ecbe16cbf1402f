package io.kindling.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.metrics.ConfusionMatrix;
import io.kindling.metrics.CrossEntropy;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;

/**
 * Classification into {@code classes} classes: the model outputs one logit per class, the loss is
 * softmax cross-entropy, {@code −log softmax(z)_y}, averaged over the batch (PyTorch's {@code
 * nn.CrossEntropyLoss}), and a split is scored by loss, accuracy, top-5 accuracy and its confusion
 * matrix.
 *
 * <p>With label smoothing ε the training target is {@code (1 − ε)·onehot(y) + ε/K} (Szegedy et al.
 * 2016, arXiv:1512.00567), as {@code nn.CrossEntropyLoss(label_smoothing=ε)}; evaluation always
 * reports the plain cross-entropy.
 *
 * @param labelSmoothing ε in [0, 1)
 */
public record Classification(double labelSmoothing) implements Task {

    private static final int BATCH = 1000;

    public Classification {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException(
                    "label smoothing must be in [0, 1), got " + labelSmoothing);
        }
    }

    @Override
    public String name() {
        return "classification";
    }

    @Override
    public NDArray trainingLoss(NDArray logits, NDArray labels) {
        return CrossEntropy.mean(logits, labels, labelSmoothing);
    }

    @Override
    public NDArray loss(NDArray logits, NDArray labels) {
        return CrossEntropy.mean(logits, labels);
    }

    @Override
    public Evaluation evaluate(
            Model model, ParameterStore store, TensorDataset data, String split, NDManager root) {
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
                NDArray logits =
                        model.block()
                                .forward(store, new NDList(batch.get(0)), false)
                                .singletonOrThrow();
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
        return new Evaluation(
                split, n, lossSum / n, (double) correct / n, (double) top5 / n, confusion);
    }
}
