package io.kindling.nn;

/** How the staged families (cnn, resnet) share layers out among their stages. */
final class Stages {

    private Stages() {}

    /**
     * Splits {@code total} layers or blocks over {@code stages} stages as evenly as possible, the
     * remainder going to the earliest stages: 5 over 3 is [2, 2, 1].
     */
    static int[] split(int total, int stages) {
        int[] counts = new int[stages];
        for (int s = 0; s < stages; s++) {
            counts[s] = total / stages + (s < total % stages ? 1 : 0);
        }
        return counts;
    }

    /** The width of 1-based stage {@code s}: {@code width · 2^(s−1)}. */
    static int width(int width, int s) {
        return Math.multiplyExact(width, 1 << (s - 1));
    }
}
