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

    private static final int BATCH = 256;

    public StepClassification {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException(
                    "label smoothing must be in [0, 1), got " + labelSmoothing);
        }
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

    private static NDArray flat(NDArray logits) {
        long k = logits.getShape().get(logits.getShape().dimension() - 1);
        return logits.reshape(-1, k);
    }

    @Override
    public Evaluation evaluate(
            Model model, ParameterStore store, TensorDataset data, String split, NDManager root) {
        int n = data.size();
        long steps = data.y().getShape().size() / Math.max(1, n);
        long total = n * steps;
        int[] truth = new int[Math.toIntExact(total)];
        int[] predicted = new int[truth.length];
        double lossSum = 0;
        long correct = 0;
        long top5 = 0;
        for (int start = 0; start < n; start += BATCH) {
            int end = Math.min(n, start + BATCH);
            int[] rows = new int[end - start];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            try (NDManager scope = root.newSubManager()) {
                NDList batch = data.batch(scope, rows);
                NDArray logits =
                        flat(
                                model.block()
                                        .forward(store, new NDList(batch.get(0)), false)
                                        .singletonOrThrow());
                NDArray labels = batch.get(1).reshape(-1);
                lossSum += CrossEntropy.perExample(logits, labels).sum().getFloat();
                NDArray argMax = logits.argMax(1);
                correct += argMax.eq(labels).sum().getLong();
                int k = (int) Math.min(5, logits.getShape().get(1));
                top5 += logits.topK(k, 1).get(1).eq(labels.reshape(-1, 1)).sum().getLong();
                long[] p = argMax.toLongArray();
                long[] t = labels.toLongArray();
                int offset = Math.toIntExact(start * steps);
                for (int i = 0; i < p.length; i++) {
                    predicted[offset + i] = (int) p[i];
                    truth[offset + i] = (int) t[i];
                }
            }
        }
        double loss = lossSum / total;
        Map<String, Double> extra = new LinkedHashMap<>();
        extra.put("perplexity", Math.exp(loss));
        extra.put("bits_per_token", loss / Math.log(2));
        ConfusionMatrix confusion = ConfusionMatrix.of(truth, predicted, data.classes());
        return new Evaluation(
                split, n, loss, (double) correct / total, (double) top5 / total, confusion, extra);
    }
}
