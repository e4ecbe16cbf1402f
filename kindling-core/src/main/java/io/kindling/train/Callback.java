package io.kindling.train;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Code that steers a run from inside the loop. Every hook has an empty default; a hook reads the
 * {@link TrainState} and may call {@link TrainState#requestStop} to end the run cleanly after the
 * current step (never an exception as control flow). Sinks that only report use {@link TrainEvents}
 * instead.
 *
 * <p>Order within one step: {@link #onStepStart} → forward, backward → {@link #afterBackward}
 * (gradients complete, update not yet applied) → update (or, when the loss is not finite, {@link
 * #onNonFiniteLoss} instead) → {@link #onStepEnd} → at an epoch's end {@link #judgeEvaluation} →
 * the evaluation record → {@link #onEvaluation} → when one is written {@link #onCheckpoint}. After
 * the last step: {@link #beforeTrainEnd} → the last checkpoint → {@link #onTrainEnd}.
 *
 * <p>The trainer's own rules are callbacks too, called before the user's: reduce-on-plateau, early
 * stopping (with its best weights) and the NaN policy; the {@code best} checkpoint ({@code
 * keep_best}) is called after them, so that it holds what every callback did.
 */
public interface Callback {

    /** The model is built, initialized (or restored) and training is about to start. */
    default void onTrainStart(TrainState state) {}

    /** A step is about to run; {@code state.step()} steps are done. */
    default void onStepStart(TrainState state) {}

    /**
     * The step's gradients are complete and the update has not been applied. The gradients are in
     * model parameter order; read them, do not keep them past the call.
     */
    default void afterBackward(TrainState state, List<NDArray> gradients) {}

    /**
     * The step's loss was not finite: its update was not applied, the gradients are zeroed and
     * {@code state.step()} does not count it yet. {@code record} describes it ({@code
     * non_finite_loss}, {@code non_finite_first}, then what the NaN policy did) and is written
     * after every callback had it; a callback may add entries or request a stop. The NaN policy
     * runs first: {@code stop} requests a stop, {@code skip} goes on, and {@code rollback} restores
     * the newest checkpoint, after which the loop continues from that checkpoint's step ({@link
     * #onStepEnd} is then not called for the failed step).
     */
    default void onNonFiniteLoss(TrainState state, Map<String, Object> record) {}

    /** A step finished with the given mean training loss. */
    default void onStepEnd(TrainState state, double loss) {}

    /**
     * An evaluation finished and its record is not written yet: a callback may judge it, add its
     * outcome to {@code metrics} (which become the record, e.g. {@code plateau_lr}, {@code
     * early_stopped}) and request a stop. Reduce-on-plateau and early stopping judge first, so a
     * user callback sees their outcome.
     */
    default void judgeEvaluation(TrainState state, Map<String, Object> metrics) {}

    /**
     * An evaluation's record is written; {@code metrics} are split-prefixed (test_loss,
     * val_accuracy) and include every judge's outcome.
     */
    default void onEvaluation(TrainState state, Map<String, Object> metrics) {}

    /** A checkpoint was written (complete and verified) at {@code folder}. */
    default void onCheckpoint(TrainState state, Path folder) {}

    /**
     * The loop is over (budget spent, or a stop requested); the run's last checkpoint comes next
     * and holds the weights as this hook leaves them. Early stopping's {@code restore_best} puts
     * the best weights back here (and records the evaluation).
     */
    default void beforeTrainEnd(TrainState state) {}

    /** Training ended (budget spent, or stopped). */
    default void onTrainEnd(TrainState state, TrainResult result) {}
}
