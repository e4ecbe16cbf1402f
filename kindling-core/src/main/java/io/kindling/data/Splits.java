package io.kindling.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Stratified splits of a labelled split's rows: a holdout (each class cut in the same proportion)
 * and k folds (each class dealt round-robin over the folds after a seeded shuffle, as
 * scikit-learn's {@code StratifiedKFold(shuffle=True)} balances them). The same labels and seed
 * always give the same rows.
 */
public final class Splits {

    private Splits() {}

    /**
     * Rows for training and rows held out, each class split in proportion.
     *
     * @param labels class index of every row
     * @param fraction share held out, in (0, 1)
     * @param seed shuffles each class before cutting
     * @return {@code [trainRows, heldOutRows]}, each sorted
     */
    public static int[][] holdout(int[] labels, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "holdout fraction must be in (0, 1), got " + fraction);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        for (int[] rows : byClass(labels, seed)) {
            int cut = (int) Math.round(rows.length * fraction);
            for (int i = 0; i < rows.length; i++) {
                (i < cut ? held : train).add(rows[i]);
            }
        }
        if (train.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException(
                    "holdout fraction "
                            + fraction
                            + " of "
                            + labels.length
                            + " rows leaves an empty split");
        }
        return new int[][] {sorted(train), sorted(held)};
    }

    /**
     * Stratified k-fold: fold {@code f}'s rows are held out, the rest train.
     *
     * @param labels class index of every row
     * @param folds number of folds, at least 2 and at most the number of rows
     * @param seed shuffles each class before dealing
     * @return {@code folds} arrays of held-out rows, each sorted; together a partition
     */
    public static int[][] folds(int[] labels, int folds, long seed) {
        if (folds < 2 || folds > labels.length) {
            throw new IllegalArgumentException(
                    "folds must be in [2, " + labels.length + "] (the rows), got " + folds);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            out.add(new ArrayList<>());
        }
        int next = 0;
        for (int[] rows : byClass(labels, seed)) {
            for (int r : rows) {
                out.get(next).add(r);
                next = (next + 1) % folds;
            }
        }
        int[][] result = new int[folds][];
        for (int f = 0; f < folds; f++) {
            result[f] = sorted(out.get(f));
        }
        return result;
    }

    /** The rows of {@code 0..n-1} not in {@code heldOut} (sorted). */
    public static int[] complement(int[] heldOut, int n) {
        boolean[] out = new boolean[n];
        for (int r : heldOut) {
            out[r] = true;
        }
        return IntStream.range(0, n).filter(i -> !out[i]).toArray();
    }

    /** {@code outer[inner[i]]} for each i: rows of a subset expressed in the original rows. */
    static int[] map(int[] outer, int[] inner) {
        int[] r = new int[inner.length];
        for (int i = 0; i < inner.length; i++) {
            if (inner[i] < 0 || inner[i] >= outer.length) {
                throw new IndexOutOfBoundsException(
                        "row "
                                + inner[i]
                                + " is outside the "
                                + outer.length
                                + " rows of the split");
            }
            r[i] = outer[inner[i]];
        }
        return r;
    }

    /** Checks two disjoint, non-empty row sets within {@code [0, n)}; returns {@code a}. */
    public static int[] checkRows(int[] a, int[] b, int n) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException(
                    "a split needs rows on both sides, got " + a.length + " and " + b.length);
        }
        boolean[] seen = new boolean[n];
        for (int[] rows : new int[][] {a, b}) {
            for (int r : rows) {
                if (r < 0 || r >= n) {
                    throw new IndexOutOfBoundsException("row " + r + " is outside [0, " + n + ")");
                }
                if (seen[r]) {
                    throw new IllegalArgumentException("row " + r + " is in the split twice");
                }
                seen[r] = true;
            }
        }
        return a;
    }

    private static List<int[]> byClass(int[] labels, long seed) {
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            rows.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            rows.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (List<Integer> r : rows) {
            int[] a = r.stream().mapToInt(Integer::intValue).toArray();
            for (int i = a.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            out.add(a);
        }
        return out;
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
