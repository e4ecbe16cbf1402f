package io.kindling.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
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

    public Classification {
        checkLabelSmoothing(labelSmoothing);
    }

    /** The label smoothing rule of both classification tasks: ε in [0, 1). */
    static void checkLabelSmoothing(double labelSmoothing) {
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
        return BatchedEvaluation.run(
                model, store, data, split, root, BatchedEvaluation.EXAMPLES, new ClassScores(data));
    }
}
