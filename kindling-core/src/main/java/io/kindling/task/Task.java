package io.kindling.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kindling.data.TensorDataset;
import io.kindling.metrics.Evaluation;
import io.kindling.nn.Model;
import java.util.List;

/**
 * What a model is trained to do, beside the model itself: the loss the trainer's step minimizes and
 * the metrics a split is scored with. The step knows only "task loss of model output", so one
 * trainer serves every task: {@link Classification}, {@link Regression} (and forecasting) and
 * {@link StepClassification} (next-token prediction, a class at every step). {@link Tasks#forData}
 * picks the task for a dataset's targets.
 *
 * <p>Every task scores a split with the same loop ({@code BatchedEvaluation}), feeding it its own
 * accumulator of metrics.
 */
public interface Task {

    /** The task's name, e.g. {@code classification}. */
    String name();

    /**
     * The mean loss of a batch that training minimizes (with any training-only term, such as label
     * smoothing), differentiable.
     *
     * @param output the model's output for the batch
     * @param targets the batch's targets
     * @return a scalar
     */
    NDArray trainingLoss(NDArray output, NDArray targets);

    /**
     * The mean loss of a batch as evaluation reports it (without training-only terms).
     *
     * @param output the model's output for the batch
     * @param targets the batch's targets
     * @return a scalar
     */
    NDArray loss(NDArray output, NDArray targets);

    /**
     * Scores the model on every example of a split in inference mode (dropout off, batch-norm
     * running statistics).
     *
     * @param model the model
     * @param store the parameter store used for forward passes
     * @param data the split
     * @param split its name, used as the metric prefix ({@code val}, {@code test})
     * @param root manager under which per-batch scopes are opened
     * @return the evaluation
     */
    Evaluation evaluate(
            Model model, ParameterStore store, TensorDataset data, String split, NDManager root);

    /**
     * The metrics an evaluation of {@code split} logs, e.g. {@code val_loss}: what early stopping,
     * plateau and keep-best may monitor. Classification's by default.
     */
    default List<String> metricNames(String split) {
        return Evaluation.names(split);
    }
}
