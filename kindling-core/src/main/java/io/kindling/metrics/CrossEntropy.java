package io.kindling.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Softmax cross-entropy on logits with integer class labels, averaged over the batch, as
 * PyTorch's {@code F.cross_entropy(logits, labels)}: {@code L = −mean_i log softmax(z_i)[y_i]}.
 */
public final class CrossEntropy {

    private CrossEntropy() {}

    /**
     * The per-example losses {@code −log softmax(z_i)[y_i]}.
     *
     * @param logits (N, C) float logits
     * @param labels (N) int64 class indices
     * @return (N) losses
     */
    public static NDArray perExample(NDArray logits, NDArray labels) {
        NDArray logProbs = logits.logSoftmax(1);
        return logProbs.get(new NDIndex().addAllDim().addPickDim(labels)).neg();
    }

    /** The mean loss over the batch, a scalar that can be differentiated. */
    public static NDArray mean(NDArray logits, NDArray labels) {
        return perExample(logits, labels).mean();
    }
}
