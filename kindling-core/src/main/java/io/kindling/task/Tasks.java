package io.kindling.task;

import io.kindling.config.ConfigException;
import io.kindling.data.Dataset;
import io.kindling.data.TargetKind;
import io.kindling.data.series.Forecasting;
import io.kindling.nn.ExampleShape;
import io.kindling.nn.Model;

/** The task that learns a dataset's targets. */
public final class Tasks {

    private Tasks() {}

    /**
     * The task for {@code data}'s targets (the switch is exhaustive: a new target kind does not
     * compile until it has a task).
     *
     * @param data the dataset
     * @param labelSmoothing ε of the cross-entropy loss, in [0, 1); only classification has it
     * @return the task
     * @throws ConfigException if label smoothing is asked of a regression
     */
    public static Task forData(Dataset data, double labelSmoothing) {
        return switch (data.targetKind()) {
            case CLASSES -> new Classification(labelSmoothing);
            case VALUES -> regression(data, labelSmoothing);
            case STEP_CLASSES -> new StepClassification(labelSmoothing);
        };
    }

    /**
     * Refuses a model whose output does not fit the data's targets: a class per step needs an
     * output per step, a class per example one output per example.
     *
     * @throws ConfigException naming the model, what it gives and what the data need
     */
    public static void checkOutput(Dataset data, Model model) {
        boolean perStep = model.output() instanceof ExampleShape.Steps;
        String gives = model.spec().print() + " gives " + model.output().describe();
        if (data.targetKind() == TargetKind.STEP_CLASSES && !perStep) {
            throw new ConfigException(
                    gives
                            + " per example, but "
                            + data.name()
                            + " has a target at every step; use a model with an output per"
                            + " step (gpt(...), lstm(head=steps), gru(head=steps), rnn(head=steps))");
        }
        if (data.targetKind() == TargetKind.CLASSES && perStep) {
            throw new ConfigException(
                    gives
                            + " per example (an output per step), but "
                            + data.name()
                            + " has one class per example; use a model with one output per"
                            + " example (head=last for recurrent models, encoder(...) for tokens)");
        }
    }

    private static Task regression(Dataset data, double labelSmoothing) {
        if (labelSmoothing != 0) {
            throw new ConfigException(
                    "label_smoothing="
                            + labelSmoothing
                            + " applies to classification, but "
                            + data.name()
                            + " has real-valued targets (a regression, loss MSE); remove"
                            + " label_smoothing or set it to 0");
        }
        return new Regression(data instanceof Forecasting f ? f.forecast() : null);
    }
}
