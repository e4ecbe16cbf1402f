package io.kindling.train;

/**
 * How long to train: a number of epochs or a number of optimizer steps (exactly one is set).
 *
 * @param epochs full passes over the training split, or 0 when {@code steps} is set
 * @param steps optimizer steps, or 0 when {@code epochs} is set
 */
public record Budget(int epochs, long steps) {

    public Budget {
        if ((epochs > 0) == (steps > 0) || epochs < 0 || steps < 0) {
            throw new IllegalArgumentException(
                    "Set exactly one of epochs or steps to a positive number (got epochs="
                            + epochs
                            + ", steps="
                            + steps
                            + ")");
        }
    }

    /** Train for a number of epochs. */
    public static Budget epochs(int epochs) {
        return new Budget(epochs, 0);
    }

    /** Train for a number of optimizer steps. */
    public static Budget steps(long steps) {
        return new Budget(0, steps);
    }

    /** Total optimizer steps, given the batches in one epoch. */
    public long totalSteps(int batchesPerEpoch) {
        return steps > 0 ? steps : (long) epochs * batchesPerEpoch;
    }
}
