package io.kindling.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small self-contained SVG charts for the HTML report (no scripts, no network): line charts
 * with an optional log-scale y axis, and bar charts with error bars.
 */
public final class SvgChart {

    private static final int W = 560;
    private static final int H = 300;
    private static final int L = 64;
    private static final int R = 12;
    private static final int T = 28;
    private static final int B = 40;
    /** The series colors, in order. */
    public static final String[] COLORS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e",
        "#17becf", "#8c564b", "#e377c2"};

    private SvgChart() {}

    /**
     * A line chart.
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param logY log10 scale on y (non-positive values are skipped)
     * @param series label → points {x, y}
     * @return the SVG element
     */
    public static String lines(String title, String xLabel, boolean logY,
            Map<String, double[][]> series) {
        return lines(title, xLabel, logY, series, Map.of());
    }

    /**
     * A line chart with a shaded band behind each line (e.g. min to max over seeds).
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param logY log10 scale on y
     * @param series label → points {x, y}
     * @param bands label → points {x, low, high}; labels without a band get none
     * @return the SVG element
     */
    public static String lines(String title, String xLabel, boolean logY,
            Map<String, double[][]> series, Map<String, double[][]> bands) {
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[][] pts : series.values()) {
            for (double[] p : pts) {
                double y = logY ? (p[1] > 0 ? Math.log10(p[1]) : Double.NaN) : p[1];
                if (Double.isFinite(y) && Double.isFinite(p[0])) {
                    box[0] = Math.min(box[0], p[0]);
                    box[1] = Math.max(box[1], p[0]);
                    box[2] = Math.min(box[2], y);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        if (box[0] > box[1]) {
            box = new double[] {0, 1, 0, 1};
        }
        if (box[1] == box[0]) {
            box[1] = box[0] + 1;
        }
        if (box[3] == box[2]) {
            box[3] = box[2] + 1;
        }
        StringBuilder s = open(title);
        axes(s, box, xLabel, logY);
        int i = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] band = bands.get(e.getKey());
            if (band != null && band.length > 1 && !logY) {
                StringBuilder poly = new StringBuilder();
                for (double[] p : band) {
                    poly.append(fmt(px(p[0], box))).append(',').append(fmt(py(p[2], box)))
                            .append(' ');
                }
                for (int k = band.length - 1; k >= 0; k--) {
                    poly.append(fmt(px(band[k][0], box))).append(',')
                            .append(fmt(py(band[k][1], box))).append(' ');
                }
                s.append("<polygon points=\"").append(poly).append("\" fill=\"")
                        .append(COLORS[i % COLORS.length]).append("\" opacity=\"0.18\"/>");
            }
            StringBuilder path = new StringBuilder();
            for (double[] p : e.getValue()) {
                double y = logY ? (p[1] > 0 ? Math.log10(p[1]) : Double.NaN) : p[1];
                if (!Double.isFinite(y)) {
                    continue;
                }
                path.append(path.length() == 0 ? "M" : " L").append(fmt(px(p[0], box)))
                        .append(',').append(fmt(py(y, box)));
            }
            String color = COLORS[i % COLORS.length];
            s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"")
                    .append(color).append("\" stroke-width=\"1.8\"/>");
            legend(s, i, e.getKey(), color);
            i++;
        }
        return s.append("</svg>").toString();
    }

    /**
     * Small multiples: one mini histogram per panel, side by side, sharing a color.
     *
     * @param title row title
     * @param panels panel label → {min, max, count₀, count₁, …}
     * @param color bar color
     * @return the SVG element
     */
    public static String histograms(String title, Map<String, double[]> panels, String color) {
        int pw = 150;
        int ph = 90;
        int width = Math.max(W, 10 + pw * panels.size());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " font-family=\"sans-serif\"><text x=\"10\" y=\"16\" font-size=\"13\""
                        + " font-weight=\"bold\">%s</text>", width, ph + 50, Html.escape(title)));
        int i = 0;
        for (Map.Entry<String, double[]> e : panels.entrySet()) {
            double[] h = e.getValue();
            int bins = h.length - 2;
            double top = 1;
            for (int b = 0; b < bins; b++) {
                top = Math.max(top, h[b + 2]);
            }
            int x0 = 10 + pw * i;
            for (int b = 0; b < bins; b++) {
                double bh = (ph - 10) * h[b + 2] / top;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                        + " height=\"%.1f\" fill=\"%s\"/>", x0 + (pw - 14) * b / (double) bins,
                        24 + ph - 10 - bh, (pw - 14) / (double) bins, bh, color));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s"
                    + "</text><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\">[%s, %s]"
                    + "</text>", x0, 24 + ph + 4, Html.escape(e.getKey()), x0, 24 + ph + 16,
                    num(h[0]), num(h[1])));
            i++;
        }
        return s.append("</svg>").toString();
    }

    /**
     * A bar chart with error bars.
     *
     * @param title chart title
     * @param labels one per bar
     * @param values bar heights
     * @param errors half-heights of the error bars (0 for none)
     * @return the SVG element
     */
    public static String bars(String title, List<String> labels, double[] values,
            double[] errors) {
        double top = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                top = Math.max(top, values[i] + errors[i]);
            }
        }
        double[] box = {0, Math.max(1, values.length), 0, top > 0 ? top * 1.1 : 1};
        StringBuilder s = open(title);
        axes(s, box, "", false);
        double slot = (W - L - R) / (double) Math.max(1, values.length);
        for (int i = 0; i < values.length; i++) {
            String color = COLORS[i % COLORS.length];
            double v = Double.isFinite(values[i]) ? values[i] : 0;
            double x = L + slot * i + slot * 0.2;
            double y = py(v, box);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%.1f\" fill=\"%s\" opacity=\"0.8\"/>", x, y, slot * 0.6,
                    H - B - y, color));
            if (errors[i] > 0) {
                double cx = x + slot * 0.3;
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\""
                        + " y2=\"%.1f\" stroke=\"#000\"/>", cx, cx, py(v - errors[i], box),
                        py(v + errors[i], box)));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\""
                    + " text-anchor=\"middle\">%.3f</text>", x + slot * 0.3, y - 4, v));
            legend(s, i, labels.get(i), color);
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" font-family=\"sans-serif\"><text x=\"%d\" y=\"18\""
                + " font-size=\"14\" font-weight=\"bold\">%s</text>", W, H, L, Html.escape(title)));
    }

    private static void axes(StringBuilder s, double[] box, String xLabel, boolean logY) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
                + " fill=\"none\" stroke=\"#888\"/>", L, T, W - L - R, H - T - B));
        for (int t = 0; t <= 4; t++) {
            double y = box[2] + (box[3] - box[2]) * t / 4;
            double x = box[0] + (box[1] - box[0]) * t / 4;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\""
                    + " text-anchor=\"end\">%s</text>", L - 4, py(y, box) + 3,
                    num(logY ? Math.pow(10, y) : y)));
            if (!xLabel.isEmpty()) {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\""
                        + " text-anchor=\"middle\">%s</text>", px(x, box), H - B + 14, num(x)));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\""
                + " text-anchor=\"middle\">%s</text>", (L + W - R) / 2, H - 8, Html.escape(xLabel)));
    }

    private static void legend(StringBuilder s, int i, String label, String color) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"3\""
                + " fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", L + 8,
                T + 10 + 13 * i, color, L + 22, T + 14 + 13 * i, Html.escape(label)));
    }

    private static double px(double x, double[] box) {
        return L + (W - L - R) * (x - box[0]) / (box[1] - box[0]);
    }

    private static double py(double y, double[] box) {
        return H - B - (H - T - B) * (y - box[2]) / (box[3] - box[2]);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
