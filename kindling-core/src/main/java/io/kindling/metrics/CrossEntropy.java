package io.kindling.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.kindling.engine.Scalars;

/**
 * Softmax cross-entropy on logits with integer class labels, averaged over the batch, as PyTorch's
 * {@code F.cross_entropy(logits, labels)}: {@code L = −mean_i log softmax(z_i)[y_i]}.
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

    /**
     * The mean loss with label smoothing ε, as PyTorch's {@code F.cross_entropy(logits, labels,
     * label_smoothing=ε)}: {@code L = (1 − ε)·(−log p_y) + ε·mean_c(−log p_c)} (Szegedy et al.
     * 2016, arXiv:1512.00567).
     *
     * @param logits (N, C)
     * @param labels (N) class indices
     * @param smoothing ε in [0, 1]; 0 is plain cross-entropy
     * @return a differentiable scalar
     */
    public static NDArray mean(NDArray logits, NDArray labels, double smoothing) {
        if (smoothing == 0) {
            return mean(logits, labels);
        }
        NDArray logProbs = logits.logSoftmax(1);
        NDArray nll = logProbs.get(new NDIndex().addAllDim().addPickDim(labels)).neg();
        NDArray uniform = logProbs.mean(new int[] {1}).neg();
        NDArray keep = Scalars.like(logits, 1 - smoothing);
        NDArray eps = Scalars.like(logits, smoothing);
        return nll.mul(keep).add(uniform.mul(eps)).mean();
    }
}
