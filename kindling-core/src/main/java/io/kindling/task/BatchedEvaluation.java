package io.kindling.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;

/**
 * The one loop that scores a split, for every task: the model's forward pass over the split's
 * examples in order, {@code chunk} examples at a time, in inference mode (dropout off, batch-norm
 * running statistics), each chunk in its own {@link NDManager} scope that is closed before the
 * next, so memory stays flat over a split of any size. What a task measures is its {@link
 * Accumulator}: it sees each chunk's inputs, outputs and targets and, after the last, gives the
 * {@link Evaluation}.
 *
 * <p>Chunk size policy: {@link #EXAMPLES} examples per forward pass, or {@link #SEQUENCES} where an
 * example is a whole sequence scored at every step (its logits are {@code T × K}, and an attention
 * model's scores {@code T²} per head). The chunk is part of the numbers, not only of the speed: the
 * tasks sum per-example losses in float32 on the engine within a chunk and in double across chunks,
 * so another chunk size changes the last bits of a split's loss.
 */
final class BatchedEvaluation {

    /** Examples per forward pass for a task that scores one target row per example. */
    static final int EXAMPLES = 1000;

    /** Examples per forward pass for a task that scores every step of a sequence. */
    static final int SEQUENCES = 256;

    /** What a task measures over a split, fed one chunk at a time. */
    interface Accumulator {

        /**
         * Adds one chunk. Its arrays belong to the chunk's scope, closed after this returns: keep
         * numbers, never the arrays.
         *
         * @param inputs the chunk's inputs, as the model read them
         * @param output the model's output for them, in inference mode
         * @param targets the chunk's targets
         */
        void add(NDArray inputs, NDArray output, NDArray targets);

        /**
         * The evaluation, after every chunk was added.
         *
         * @param split the split's name, the metric prefix
         * @param examples how many examples were scored
         */
        Evaluation result(String split, int examples);
    }

    private BatchedEvaluation() {}

    /**
     * Scores {@code data} with {@code model}.
     *
     * @param chunk examples per forward pass, {@link #EXAMPLES} or {@link #SEQUENCES}
     * @param scores the task's accumulator, fresh
     * @return {@code scores}' evaluation of the whole split
     */
    static Evaluation run(
            Model model,
            ParameterStore store,
            TensorDataset data,
            String split,
            NDManager root,
            int chunk,
            Accumulator scores) {
        int n = data.size();
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            int[] rows = new int[end - start];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            try (NDManager scope = root.newSubManager()) {
                NDList batch = data.batch(scope, rows);
                NDArray x = batch.get(0);
                NDArray out = model.block().forward(store, new NDList(x), false).singletonOrThrow();
                scores.add(x, out, batch.get(1));
            }
        }
        return scores.result(split, n);
    }
}
