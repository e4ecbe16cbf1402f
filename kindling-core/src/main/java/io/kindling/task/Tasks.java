package io.kindling.task;

import io.kindling.config.ConfigException;
import io.kindling.data.Dataset;
import io.kindling.data.series.Forecasting;

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
