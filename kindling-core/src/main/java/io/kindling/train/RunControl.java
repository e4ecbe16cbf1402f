package io.kindling.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the trainer's built-in rules may do to the run they steer, beyond {@link TrainState}: the
 * {@link Trainer} implements it, so a rule never reaches into the trainer's fields.
 */
interface RunControl {

    /** Puts {@code state.lrFactor()} into the optimizer, which uses it from its next update. */
    void applyLrFactor();

    /** Copies of every parameter's values (running statistics included), owned by the run. */
    List<NDArray> copyWeights();

    /** Puts copies made by {@link #copyWeights} back into the parameters, in place. */
    void restoreWeights(List<NDArray> copies);

    /** Evaluates the current weights (validation when there is one, then test). */
    Map<String, Object> evaluate();

    /** Writes a record of step {@code step}, epoch {@code epoch} to the run's sinks. */
    void record(long step, int epoch, Map<String, Object> metrics);

    /** Writes a checkpoint of the run now (the run must have a checkpoint folder). */
    void saveCheckpoint(String name);

    /** The newest {@code step-*} checkpoint's files; empty when there is none or no folder. */
    Optional<Map<String, byte[]>> newestCheckpoint();

    /** Puts a checkpoint back; the loop then continues from its step. */
    void restore(Map<String, byte[]> files);
}
