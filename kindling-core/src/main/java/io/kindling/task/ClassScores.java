package io.kindling.task;

import ai.djl.ndarray.NDArray;
import io.kindling.data.TensorDataset;
import io.kindling.metrics.ConfusionMatrix;
import io.kindling.metrics.CrossEntropy;
import io.kindling.metrics.Evaluation;

/**
 * The scores of a classification over a split, for one class per example ({@link Classification},
 * logits {@code (B, K)}) or one per step ({@link StepClassification}, logits {@code (B, T, K)}):
 * every target value counts once. The loss is the mean cross-entropy, summed per chunk in float32
 * on the engine and across chunks in double; accuracy and top-5 accuracy are exact counts; the
 * confusion matrix is over every target value.
 */
final class ClassScores implements BatchedEvaluation.Accumulator {

    private final int classes;
    private final int[] truth;
    private final int[] predicted;
    private int filled;
    private double lossSum;
    private long correct;
    private long top5;

    /** Scores for the split {@code data}, whose targets hold one class per value. */
    ClassScores(TensorDataset data) {
        this.classes = data.classes();
        this.truth = new int[Math.toIntExact(data.y().getShape().size())];
        this.predicted = new int[truth.length];
    }

    @Override
    public void add(NDArray inputs, NDArray output, NDArray targets) {
        NDArray logits = StepClassification.flat(output);
        NDArray labels = targets.reshape(-1);
        long k = logits.getShape().get(1);
        lossSum += CrossEntropy.perExample(logits, labels).sum().getFloat();
        NDArray argMax = logits.argMax(1);
        correct += argMax.eq(labels).sum().getLong();
        top5 +=
                logits.topK((int) Math.min(5, k), 1)
                        .get(1)
                        .eq(labels.reshape(-1, 1))
                        .sum()
                        .getLong();
        long[] p = argMax.toLongArray();
        long[] t = labels.toLongArray();
        for (int i = 0; i < p.length; i++) {
            predicted[filled + i] = (int) p[i];
            truth[filled + i] = (int) t[i];
        }
        filled += p.length;
    }

    /** Loss, accuracy and top-5 accuracy per target value, and the confusion matrix. */
    @Override
    public Evaluation result(String split, int examples) {
        long values = truth.length;
        return new Evaluation(
                split,
                examples,
                lossSum / values,
                (double) correct / values,
                (double) top5 / values,
                ConfusionMatrix.of(truth, predicted, classes));
    }
}
