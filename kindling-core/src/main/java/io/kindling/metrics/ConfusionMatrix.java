package io.kindling.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of (true class, predicted class) pairs, and the classification metrics derived from them
 * with scikit-learn's definitions:
 *
 * <pre>
 * precision_c = TP_c / (TP_c + FP_c)     recall_c = TP_c / (TP_c + FN_c)
 * F1_c = 2·P·R / (P + R)                 (0 where the denominator is 0, as zero_division=0)
 * macro = unweighted mean over classes   weighted = mean weighted by support (true count)
 * micro = computed from the summed TP, FP, FN (equals accuracy for single-label data)
 * </pre>
 *
 * @param counts {@code counts[t][p]} = examples of true class t predicted as p
 */
public record ConfusionMatrix(long[][] counts) {

    /** Builds the matrix from labels and predictions in [0, classes). */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int classes) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(
                    truth.length + " labels but " + predicted.length + " predictions");
        }
        long[][] c = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0
                    || truth[i] >= classes
                    || predicted[i] < 0
                    || predicted[i] >= classes) {
                throw new IllegalArgumentException(
                        "pair "
                                + i
                                + " ("
                                + truth[i]
                                + ", "
                                + predicted[i]
                                + ") is outside the "
                                + classes
                                + " classes");
            }
            c[truth[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(c);
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Examples of class c (row sum). */
    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) {
            s += v;
        }
        return s;
    }

    private long predictedAs(int c) {
        long s = 0;
        for (long[] row : counts) {
            s += row[c];
        }
        return s;
    }

    private long total() {
        long s = 0;
        for (int c = 0; c < classes(); c++) {
            s += support(c);
        }
        return s;
    }

    /** Fraction of examples on the diagonal. */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < classes(); c++) {
            correct += counts[c][c];
        }
        return ratio(correct, total());
    }

    /** Precision of class c. */
    public double precision(int c) {
        return ratio(counts[c][c], predictedAs(c));
    }

    /** Recall of class c. */
    public double recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    /** F1 of class c. */
    public double f1(int c) {
        return f1(precision(c), recall(c));
    }

    /** Averages of precision, recall and F1: keys macro, micro, weighted. */
    public Map<String, double[]> averages() {
        int k = classes();
        double[] macro = new double[3];
        double[] weighted = new double[3];
        long n = total();
        for (int c = 0; c < k; c++) {
            double[] m = {precision(c), recall(c), f1(c)};
            for (int j = 0; j < 3; j++) {
                macro[j] += m[j] / k;
                weighted[j] += n == 0 ? 0 : m[j] * support(c) / n;
            }
        }
        long tp = 0;
        for (int c = 0; c < k; c++) {
            tp += counts[c][c];
        }
        double microP = ratio(tp, n);
        double microR = ratio(tp, n);
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("macro", macro);
        out.put("micro", new double[] {microP, microR, f1(microP, microR)});
        out.put("weighted", weighted);
        return out;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
