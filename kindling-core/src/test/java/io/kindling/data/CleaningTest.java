package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.data.Cleaning.Impute;
import io.kindling.data.Cleaning.Outliers;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each cleaning step's effect and report; everything fitted sees the training rows only. */
class CleaningTest {

    private static CsvTable table(String text) {
        return CsvTable.parse(text, "t.csv");
    }

    private static int[] all(CsvTable t) {
        return IntStream.range(0, t.rows()).toArray();
    }

    /** Rows 0-4 train, 5-6 test; x has a missing cell in each split, c too. */
    private static final String IMPUTE =
            "x,c,y\n1,red,a\n2,blue,a\nNA,NA,a\n4,red,b\n10,blue,b\n" + "NA,green,b\n1000,NA,b\n";

    private static final int[] TRAIN = {0, 1, 2, 3, 4};
    private static final int[] TEST = {5, 6};

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fills(Cleaning c) {
        return (Map<String, Object>)
                ((Map<String, Object>) c.fittedValues().get("impute")).get("values");
    }

    @Test
    void exactDuplicatesAreDroppedKeepingTheFirstAndNumbersCompareAsNumbers() {
        CsvTable t = table("x,c,y\n1,a,p\n1.0,a,p\n1,a,q\nNA,b,p\n,b,p\n1,A,p\n");
        CleaningStep step = Cleaning.dropDuplicates(t, all(t));
        assertArrayEquals(
                new int[] {0, 2, 3, 5},
                step.kept(),
                "1 and 1.0 are equal, NA and empty are both missing; a different target or case"
                        + " makes a different row");
        assertEquals(Map.of("duplicates_dropped", 2), step.counts());
        assertEquals(
                List.of(
                        "dropped 2 exact duplicate rows: line 3 (same as line 2), line 6"
                                + " (same as line 5)"),
                step.lines());
    }

    @Test
    void withoutDuplicatesNothingIsDroppedOrReported() {
        CsvTable t = table("x,y\n1,a\n2,a\n");
        CleaningStep step = Cleaning.dropDuplicates(t, all(t));
        assertArrayEquals(new int[] {0, 1}, step.kept());
        assertEquals(List.of(), step.lines());
        assertEquals(Map.of("duplicates_dropped", 0), step.counts());
    }

    @Test
    void rowsWithAMissingTargetAreDroppedAndTheirLinesReported() {
        CsvTable t = table("x,y\n1,p\n2,\n3,NA\n4,q\n");
        CleaningStep step = Cleaning.dropMissingTarget(t, all(t), 1);
        assertArrayEquals(new int[] {0, 3}, step.kept());
        assertEquals(Map.of("missing_target_dropped", 2), step.counts());
        assertEquals(List.of("dropped 2 rows with a missing target 'y': lines 3, 4"), step.lines());
    }

    @Test
    void numericImputationUsesTheTrainingMeanMedianOrSmallestMostFrequentValue() {
        CsvTable t = table(IMPUTE);
        // Training x values 1, 2, 4, 10: mean 4.25, median (2 + 4) / 2, all tied so most
        // frequent is the smallest.
        double[] expected = {4.25, 3, 1};
        Impute[] strategies = {Impute.MEAN, Impute.MEDIAN, Impute.MOST_FREQUENT};
        for (int i = 0; i < 3; i++) {
            Cleaning c = Cleaning.fit(t, 2, TRAIN, strategies[i], Outliers.NONE, 3);
            assertEquals(expected[i], c.number(2, 0), strategies[i].key());
            assertEquals(expected[i], c.number(5, 0), "a test row gets the training value");
            assertEquals(1000, c.number(6, 0), "present cells are left alone");
        }
    }

    @Test
    void categoricalImputationUsesTheMostFrequentTrainingCategoryFirstInSortOrderOnTies() {
        Cleaning c = Cleaning.fit(table(IMPUTE), 2, TRAIN, Impute.MEAN, Outliers.NONE, 3);
        assertEquals("blue", c.category(2, 1), "red and blue are tied at 2; blue sorts first");
        assertEquals("blue", c.category(6, 1));
        assertEquals("green", c.category(5, 1));
        assertEquals(
                List.of(
                        "imputation fitted on 5 training rows: x = 4.25 (mean), c = blue"
                                + " (most frequent)"),
                c.fitReport().lines());
    }

    @Test
    void testRowsDoNotInfluenceTheImputationValues() {
        Cleaning c = Cleaning.fit(table(IMPUTE), 2, TRAIN, Impute.MEAN, Outliers.NONE, 3);
        // Same training rows, wildly different test rows that would change both fills.
        String changed =
                IMPUTE.replace("NA,green,b\n1000,NA,b\n", "-5e6,red,b\n9e9,red,b\n")
                        + "7,red,b\n8,red,b\n";
        Cleaning other = Cleaning.fit(table(changed), 2, TRAIN, Impute.MEAN, Outliers.NONE, 3);
        assertEquals(fills(c), fills(other));
        assertEquals(Map.of("x", 4.25, "c", "blue"), fills(c));
        // The same fit on every row would differ, so the check above can see a leak.
        Cleaning leaky =
                Cleaning.fit(table(changed), 2, all(table(changed)), Impute.MEAN, Outliers.NONE, 3);
        assertNotEquals(fills(c), fills(leaky));
    }

    @Test
    void imputedCellsAreCountedPerSplit() {
        Cleaning c = Cleaning.fit(table(IMPUTE), 2, TRAIN, Impute.MEAN, Outliers.NONE, 3);
        CleaningStep test = c.applied(TEST, "test");
        assertEquals(Map.of("x", 1, "c", 1), test.counts().get("imputed_test"));
        assertEquals(List.of("test: imputed 2 missing values (x 1, c 1)"), test.lines());
        assertEquals(
                Map.of("x", 1, "c", 1), c.applied(TRAIN, "train").counts().get("imputed_train"));
    }

    @Test
    void aColumnWithNoTrainingValueIsRefusedByName() {
        CsvTable t = table("x,y\nNA,a\n,b\n5,a\n");
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                Cleaning.fit(
                                        t, 1, new int[] {0, 1}, Impute.MEDIAN, Outliers.NONE, 3));
        assertEquals(
                "t.csv: column 'x' has no value in the 2 training rows, so there is nothing"
                        + " to impute it from; remove the column",
                e.getMessage());
    }

    /** Training x = 1..9 and 100 (lines 2-11); test rows x = -1000 and 5 (lines 12-13). */
    private static CsvTable outliers() {
        StringBuilder s = new StringBuilder("x,k,y\n");
        for (int i = 1; i <= 9; i++) {
            s.append(i).append(",7,a\n");
        }
        s.append("100,7,b\n-1000,8,b\n5,7,a\n");
        return table(s.toString());
    }

    private static final int[] OUTLIER_TRAIN = IntStream.range(0, 10).toArray();

    private static double[] trainMeanStd() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        return new double[] {mean, Math.sqrt(var)};
    }

    @Test
    void clipMovesValuesOfEverySplitIntoMeanPlusMinusZStdOfTheTrainingRows() {
        CsvTable t = outliers();
        double[] ms = trainMeanStd();
        Cleaning c = Cleaning.fit(t, 2, OUTLIER_TRAIN, Impute.MEAN, Outliers.CLIP, 2);
        assertEquals(ms[0] + 2 * ms[1], c.number(9, 0), 1e-12, "100 is clipped from above");
        assertEquals(ms[0] - 2 * ms[1], c.number(10, 0), 1e-12, "a test value is clipped too");
        assertEquals(5, c.number(11, 0), "values inside the bounds are left alone");
        assertEquals(8, c.number(10, 1), "a constant column has no bounds to clip to");
        assertArrayEquals(OUTLIER_TRAIN, c.trainRows(), "clip drops nothing");
        assertEquals(
                Map.of("x", 1), c.applied(OUTLIER_TRAIN, "train").counts().get("clipped_train"));
        assertEquals(
                List.of("test: clipped 1 value to mean ± 2·std (x 1)"),
                c.applied(new int[] {10, 11}, "test").lines());
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) c.fittedValues().get("outliers");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> stats =
                (Map<String, Map<String, Double>>) rule.get("columns");
        assertEquals(
                ms[0],
                stats.get("x").get("mean"),
                1e-12,
                "the statistics come from the training rows, not the test row's -1000");
        assertEquals(ms[1], stats.get("x").get("std"), 1e-12);
        assertEquals(Map.of("mean", 7.0, "std", 0.0), stats.get("k"));
    }

    @Test
    void dropRemovesTrainingRowsBeyondTheThresholdAndNeverTestRows() {
        CsvTable t = outliers();
        Cleaning c = Cleaning.fit(t, 2, OUTLIER_TRAIN, Impute.MEAN, Outliers.DROP, 2);
        assertArrayEquals(IntStream.range(0, 9).toArray(), c.trainRows());
        assertEquals(Map.of("outlier_rows_dropped", 1), c.fitReport().counts());
        assertEquals(
                List.of("dropped 1 training row with |z| > 2: line 11"), c.fitReport().lines());
        assertEquals(-1000, c.number(10, 0), "drop never changes values");
        // A threshold above every training z drops nothing.
        assertArrayEquals(
                OUTLIER_TRAIN,
                Cleaning.fit(t, 2, OUTLIER_TRAIN, Impute.MEAN, Outliers.DROP, 3).trainRows());
    }

    @Test
    void noneLeavesOutliersAlone() {
        Cleaning c = Cleaning.fit(outliers(), 2, OUTLIER_TRAIN, Impute.MEAN, Outliers.NONE, 2);
        assertEquals(100, c.number(9, 0));
        assertEquals(-1000, c.number(10, 0));
        assertArrayEquals(OUTLIER_TRAIN, c.trainRows());
        assertTrue(c.applied(OUTLIER_TRAIN, "train").lines().isEmpty());
    }

    @Test
    void theThresholdMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Cleaning.fit(outliers(), 2, OUTLIER_TRAIN, Impute.MEAN, Outliers.CLIP, 0));
    }
}
