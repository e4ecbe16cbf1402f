package io.kindling.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.metrics.CrossEntropy;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step classification: a class at every step of a sequence — next-token prediction for a language
 * model, the symbol to recall for a copy task. The model outputs logits {@code (B, T, K)}, the
 * targets are int64 {@code (B, T)}, and the loss is the cross-entropy averaged over every step of
 * every example, {@code (1/BT)·Σ −log softmax(z_bt)[y_bt]} (PyTorch's {@code
 * F.cross_entropy(logits.view(-1, K), y.view(-1))}, as nanoGPT trains).
 *
 * <p>A split is scored per step: loss (nats per token), {@code perplexity} = e^loss, {@code
 * bits_per_token} = loss/ln 2 (bits per character for a character vocabulary), accuracy and top-5
 * accuracy over all steps, and the confusion matrix over steps. With label smoothing ε the training
 * loss smooths every step's target as {@link Classification} does.
 *
 * @param labelSmoothing ε in [0, 1)
 */
public record StepClassification(double labelSmoothing) implements Task {

    public StepClassification {
        Classification.checkLabelSmoothing(labelSmoothing);
    }

    @Override
    public String name() {
        return "step_classification";
    }

    @Override
    public NDArray trainingLoss(NDArray logits, NDArray targets) {
        return CrossEntropy.mean(flat(logits), targets.reshape(-1), labelSmoothing);
    }

    @Override
    public NDArray loss(NDArray logits, NDArray targets) {
        return CrossEntropy.mean(flat(logits), targets.reshape(-1));
    }

    /** Logits {@code (…, K)} as {@code (rows, K)}. */
    static NDArray flat(NDArray logits) {
        long k = logits.getShape().get(logits.getShape().dimension() - 1);
        return logits.reshape(-1, k);
    }

    @Override
    public Evaluation evaluate(
            Model model, ParameterStore store, TensorDataset data, String split, NDManager root) {
        Evaluation e =
                BatchedEvaluation.run(
                        model,
                        store,
                        data,
                        split,
                        root,
                        BatchedEvaluation.SEQUENCES,
                        new ClassScores(data));
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("perplexity", Math.exp(e.loss()));
        extra.put("bits_per_token", e.loss() / Math.log(2));
        return new Evaluation(
                split,
                e.examples(),
                e.loss(),
                e.accuracy(),
                e.top5Accuracy(),
                e.confusion(),
                extra);
    }
}
