package io.kindling.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which a training split is visited: for each epoch, a seeded shuffle of the row
 * indices cut into batches. The same seed and epoch always give the same batches, and each epoch
 * gets its own shuffle, so a run can be repeated exactly and resumed at any epoch without replaying
 * the ones before it.
 *
 * @param size number of examples
 * @param batchSize examples per batch
 * @param seed the run's seed
 * @param dropLast whether an epoch's last, smaller batch is left out
 */
public record BatchOrder(int size, int batchSize, long seed, boolean dropLast) {

    /** Spreads the (seed, epoch) pairs apart so epochs of nearby seeds do not coincide. */
    private static final long EPOCH_STRIDE = 1_000_003L;

    /** Checks that every epoch has at least one batch. */
    public BatchOrder {
        if (size < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "need at least one example and a batch size of"
                            + " at least 1, got "
                            + size
                            + " examples, batch size "
                            + batchSize);
        }
        if (dropLast && batchSize > size) {
            throw new IllegalArgumentException(
                    "batch size "
                            + batchSize
                            + " is larger than the "
                            + size
                            + " examples, so dropping the last partial batch leaves none");
        }
    }

    /** Batches in every epoch. */
    public int batchesPerEpoch() {
        return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    /**
     * The shuffled row indices of one epoch (a Fisher–Yates shuffle driven by a generator seeded
     * from {@code seed} and {@code epoch}).
     *
     * @param epoch the epoch, counted from 0
     * @return a permutation of {@code 0 .. size-1}
     */
    public int[] permutation(int epoch) {
        SplittableRandom random = new SplittableRandom(seed * EPOCH_STRIDE + epoch);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * One epoch's batches, {@link #batchesPerEpoch} of them.
     *
     * @param epoch the epoch, counted from 0
     * @return row indices per batch, in visiting order
     */
    public List<int[]> epoch(int epoch) {
        int[] order = permutation(epoch);
        int count = batchesPerEpoch();
        List<int[]> batches = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int from = b * batchSize;
            batches.add(Arrays.copyOfRange(order, from, Math.min(size, from + batchSize)));
        }
        return List.copyOf(batches);
    }
}
