package io.kindling.data.series;

/**
 * Training, validation and test parts of a series as three contiguous stretches in time order: the
 * first {@code 1 − validation − test} of the values train, the next {@code validation} validate and
 * the last {@code test} test. Each part's windows are cut from its own stretch only, so no window
 * of one part overlaps another part's time range (no look-ahead): a random split of overlapping
 * windows would test on values the model trained on.
 *
 * @param validation share of the values in the validation stretch, in [0, 1)
 * @param test share in the test stretch, in (0, 1)
 */
public record ChronologicalSplit(double validation, double test) {

    public ChronologicalSplit {
        if (!(test > 0 && test < 1) || !(validation >= 0) || !(validation + test < 1)) {
            throw new IllegalArgumentException(
                    "the shares must satisfy 0 < test, 0 <= validation and validation + test < 1,"
                            + " got validation "
                            + validation
                            + ", test "
                            + test);
        }
    }

    /**
     * Where the stretches of a series of {@code length} values begin and end.
     *
     * @return {@code {trainEnd, validationEnd}}: train is {@code [0, trainEnd)}, validation {@code
     *     [trainEnd, validationEnd)}, test {@code [validationEnd, length)}
     */
    public int[] bounds(int length) {
        int testStart = length - (int) Math.round(length * test);
        int validationStart = testStart - (int) Math.round(length * validation);
        return new int[] {validationStart, testStart};
    }
}
