package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Seeded per-epoch shuffles cut into batches. */
class BatchOrderTest {

    private static int[] concat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void everyEpochVisitsEveryRowExactlyOnce() {
        BatchOrder order = new BatchOrder(1003, 64, 7, false);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] all = concat(order.epoch(epoch));
            Arrays.sort(all);
            assertArrayEquals(IntStream.range(0, 1003).toArray(), all);
        }
    }

    @Test
    void theSameSeedGivesTheSameBatches() {
        List<int[]> a = new BatchOrder(500, 32, 42, false).epoch(5);
        List<int[]> b = new BatchOrder(500, 32, 42, false).epoch(5);
        assertArrayEquals(concat(a), concat(b));
    }

    @Test
    void epochsAndSeedsShuffleDifferently() {
        BatchOrder order = new BatchOrder(500, 32, 42, false);
        assertFalse(Arrays.equals(order.permutation(0), order.permutation(1)));
        assertFalse(
                Arrays.equals(
                        order.permutation(0), new BatchOrder(500, 32, 43, false).permutation(0)));
        assertFalse(Arrays.equals(order.permutation(0), IntStream.range(0, 500).toArray()));
    }

    @Test
    void theLastPartialBatchIsKeptOrDroppedAsAsked() {
        BatchOrder keep = new BatchOrder(100, 32, 1, false);
        assertEquals(4, keep.batchesPerEpoch());
        assertEquals(4, keep.epoch(0).get(3).length);
        assertEquals(4, keep.epoch(0).size());
        BatchOrder drop = new BatchOrder(100, 32, 1, true);
        assertEquals(3, drop.batchesPerEpoch());
        assertEquals(3, drop.epoch(0).size());
        assertEquals(96, concat(drop.epoch(0)).length);
        assertEquals(concat(keep.epoch(0)).length - 4, concat(drop.epoch(0)).length);
    }

    @Test
    void dropLastWithABatchLargerThanTheDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchOrder(10, 32, 1, true));
        assertEquals(1, new BatchOrder(10, 32, 1, false).batchesPerEpoch());
    }
}
