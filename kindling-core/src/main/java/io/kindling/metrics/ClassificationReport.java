package io.kindling.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation as text, laid out like scikit-learn's {@code classification_report} (per class
 * precision, recall, F1 and support, then accuracy and the macro / weighted averages) followed by
 * the confusion matrix (rows = true class, columns = predicted class).
 */
public final class ClassificationReport {

    private ClassificationReport() {}

    /**
     * Renders {@code e}.
     *
     * @param names one name per class, in label order
     */
    public static String render(Evaluation e, List<String> names) {
        ConfusionMatrix cm = e.confusion();
        int k = cm.classes();
        int w =
                Math.max(
                        12,
                        names.stream().mapToInt(String::length).max().orElse(0)
                                + String.valueOf(k).length()
                                + 3);
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "%s split: %,d examples, loss %.4f, accuracy %.4f,"
                                + " top-5 accuracy %.4f%n%n",
                        e.split(),
                        e.examples(),
                        e.loss(),
                        e.accuracy(),
                        e.top5Accuracy()));
        b.append(pad("", w))
                .append(
                        String.format(
                                Locale.ROOT,
                                "%10s %10s %10s %10s%n",
                                "precision",
                                "recall",
                                "f1-score",
                                "support"));
        for (int c = 0; c < k; c++) {
            b.append(pad(names.get(c), w))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "%10.4f %10.4f %10.4f %10d%n",
                                    cm.precision(c),
                                    cm.recall(c),
                                    cm.f1(c),
                                    cm.support(c)));
        }
        b.append('\n');
        b.append(pad("accuracy", w))
                .append(
                        String.format(
                                Locale.ROOT,
                                "%10s %10s %10.4f %10d%n",
                                "",
                                "",
                                cm.accuracy(),
                                e.examples()));
        Map<String, double[]> avg = cm.averages();
        for (String kind : List.of("macro", "weighted")) {
            double[] m = avg.get(kind);
            b.append(pad(kind + " avg", w))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    "%10.4f %10.4f %10.4f %10d%n",
                                    m[0],
                                    m[1],
                                    m[2],
                                    e.examples()));
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        "%nconfusion matrix (rows: true class, columns:" + " predicted class)%n"));
        long max = 1;
        for (long[] row : cm.counts()) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        int cw = Math.max(String.valueOf(max).length(), 3) + 1;
        b.append(pad("", w));
        for (int c = 0; c < k; c++) {
            b.append(String.format(Locale.ROOT, "%" + cw + "s", c));
        }
        b.append('\n');
        for (int r = 0; r < k; r++) {
            b.append(pad(r + " " + names.get(r), w));
            for (int c = 0; c < k; c++) {
                b.append(String.format(Locale.ROOT, "%" + cw + "d", cm.counts()[r][c]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String pad(String s, int w) {
        String t = s.length() > w - 1 ? s.substring(0, w - 1) : s;
        return t + " ".repeat(w - t.length());
    }
}
