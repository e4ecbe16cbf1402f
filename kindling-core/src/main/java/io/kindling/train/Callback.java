package io.kindling.train;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Code that steers a run from inside the loop. Every hook has an empty default; a hook reads
 * the {@link TrainState} and may call {@link TrainState#requestStop} to end the run cleanly
 * after the current step (never an exception as control flow). Sinks that only report use
 * {@link TrainEvents} instead.
 *
 * <p>Order within one step: {@link #onStepStart} → forward, backward →
 * {@link #afterBackward} (gradients complete, update not yet applied) → update →
 * {@link #onStepEnd} → at an epoch's end {@link #onEvaluation} → when one is written
 * {@link #onCheckpoint}.
 */
public interface Callback {

    /** The model is built, initialized (or restored) and training is about to start. */
    default void onTrainStart(TrainState state) {}

    /** A step is about to run; {@code state.step()} steps are done. */
    default void onStepStart(TrainState state) {}

    /**
     * The step's gradients are complete and the update has not been applied. The gradients
     * are in model parameter order; read them, do not keep them past the call.
     */
    default void afterBackward(TrainState state, List<NDArray> gradients) {}

    /** A step finished with the given mean training loss. */
    default void onStepEnd(TrainState state, double loss) {}

    /** An evaluation finished; {@code metrics} are split-prefixed (test_loss, val_accuracy). */
    default void onEvaluation(TrainState state, Map<String, Object> metrics) {}

    /** A checkpoint was written (complete and verified) at {@code folder}. */
    default void onCheckpoint(TrainState state, Path folder) {}

    /** Training ended (budget spent, or stopped). */
    default void onTrainEnd(TrainState state, TrainResult result) {}
}
