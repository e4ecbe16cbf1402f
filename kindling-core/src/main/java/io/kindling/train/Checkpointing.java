package io.kindling.train;

/**
 * When the trainer writes checkpoints and which it keeps.
 *
 * @param every write one every this many optimizer steps (0 = only the final one when {@code
 *     keepLast > 0}; checkpoints are then off entirely if {@code keepLast} is 0)
 * @param keepLast keep the newest this many {@code step-*} checkpoints (older ones are deleted once
 *     a newer one is complete); 0 writes none
 * @param keepBest also keep {@code best}: the checkpoint at the best evaluation of the monitored
 *     metric (early stopping's monitor if set, else {@code val_loss}; see {@link ModelSelection})
 */
public record Checkpointing(long every, int keepLast, boolean keepBest) {

    /** No checkpoints. */
    public static final Checkpointing OFF = new Checkpointing(0, 0, false);

    public Checkpointing {
        if (every < 0) {
            throw new IllegalArgumentException("checkpoint_every must be >= 0, got " + every);
        }
        if (keepLast < 0) {
            throw new IllegalArgumentException("keep_last must be >= 0, got " + keepLast);
        }
    }

    /** Whether any checkpoint is written. */
    public boolean enabled() {
        return keepLast > 0 || keepBest;
    }
}
