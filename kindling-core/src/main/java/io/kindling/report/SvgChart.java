package io.kindling.report;

import io.kindling.report.Ticks.Axis;
import io.kindling.report.Ticks.Scale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small self-contained SVG charts for the HTML report (no scripts, no network): line charts with an
 * optional log-scale y axis, bar charts with error bars, and rows of small histograms.
 *
 * <p>Axes take {@linkplain Ticks nice ticks} (1-2-5 steps, decades on log axes, whole numbers on
 * integer axes such as steps and layer numbers) and end on a tick; light grid lines run at each
 * tick. Legends sit below the plot area, in as many rows as they need (the chart grows taller),
 * never over the data. Every chart has a {@code viewBox}, so a page can scale it down ({@code
 * max-width: 100%; height: auto}). Tick labels are grouped as {@code <g class="x-ticks">} and
 * {@code <g class="y-ticks">} (with {@code data-scale}), the plot area is {@code <rect
 * class="plot">} and the legend {@code <g class="legend">}, so tests can read them.
 */
public final class SvgChart {

    private static final int W = 560;
    private static final int L = 64;
    private static final int R = 16;
    private static final int T = 28;
    private static final int PW = W - L - R;
    private static final int PH = 232;
    private static final int LEGEND_ROW = 15;

    /** Width of one character of 10 px sans-serif, generously estimated (DejaVu Sans). */
    private static final double CHAR_W = 6.2;

    /** The series colors, in order. */
    public static final List<String> COLORS =
            List.of(
                    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
                    "#e377c2");

    private SvgChart() {}

    /**
     * A line chart.
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param xScale x-axis scale ({@link Scale#INTEGER} for steps and layer numbers)
     * @param yScale y-axis scale ({@link Scale#LOG}: non-positive values are skipped)
     * @param series label → points {x, y}
     * @return the SVG element
     */
    public static String lines(
            String title,
            String xLabel,
            Scale xScale,
            Scale yScale,
            Map<String, double[][]> series) {
        return lines(title, xLabel, xScale, yScale, series, Map.of());
    }

    /**
     * A line chart with a shaded band behind each line (e.g. min to max over seeds).
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param xScale x-axis scale ({@link Scale#INTEGER} for steps and layer numbers)
     * @param yScale y-axis scale ({@link Scale#LOG}: non-positive values are skipped, and so are
     *     bands)
     * @param series label → points {x, y}
     * @param bands label → points {x, low, high}; labels without a band get none
     * @return the SVG element
     */
    public static String lines(
            String title,
            String xLabel,
            Scale xScale,
            Scale yScale,
            Map<String, double[][]> series,
            Map<String, double[][]> bands) {
        boolean logY = yScale == Scale.LOG;
        double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[][] pts : series.values()) {
            for (double[] p : pts) {
                if (Double.isFinite(p[0]) && placeable(p[1], logY)) {
                    include(box, p[0], p[1]);
                }
            }
        }
        if (!logY) {
            for (Map.Entry<String, double[][]> e : bands.entrySet()) {
                if (!series.containsKey(e.getKey())) {
                    continue;
                }
                for (double[] p : e.getValue()) {
                    if (Double.isFinite(p[0]) && Double.isFinite(p[1]) && Double.isFinite(p[2])) {
                        include(box, p[0], p[1]);
                        include(box, p[0], p[2]);
                    }
                }
            }
        }
        Axis x = box[0] > box[1] ? Ticks.of(xScale, 0, 1, 6) : Ticks.of(xScale, box[0], box[1], 6);
        Axis y =
                box[2] > box[3]
                        ? Ticks.of(yScale, Double.NaN, Double.NaN, 5)
                        : Ticks.of(yScale, box[2], box[3], 5);
        List<String> labels = new ArrayList<>(series.keySet());
        List<String> colors = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            colors.add(COLORS.get(i % COLORS.size()));
        }
        Legend legend = Legend.layout(labels, colors, T + PH + 46);
        StringBuilder s = open(title, L, W, legend.bottom());
        yAxis(s, y);
        xAxis(s, x, xLabel);
        int i = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            String color = colors.get(i);
            double[][] band = bands.get(e.getKey());
            if (band != null && band.length > 1 && !logY) {
                StringBuilder poly = new StringBuilder();
                for (double[] p : band) {
                    poly.append(fmt(px(p[0], x))).append(',').append(fmt(py(p[2], y))).append(' ');
                }
                for (int k = band.length - 1; k >= 0; k--) {
                    poly.append(fmt(px(band[k][0], x)))
                            .append(',')
                            .append(fmt(py(band[k][1], y)))
                            .append(' ');
                }
                if (!poly.toString().contains("NaN")) {
                    s.append("<polygon points=\"")
                            .append(poly.toString().trim())
                            .append("\" fill=\"")
                            .append(color)
                            .append("\" opacity=\"0.18\"/>");
                }
            }
            StringBuilder path = new StringBuilder();
            boolean gap = true;
            for (double[] p : e.getValue()) {
                double fx = x.fraction(p[0]);
                double fy = y.fraction(p[1]);
                if (!Double.isFinite(fx) || !Double.isFinite(fy)) {
                    gap = true;
                    continue;
                }
                path.append(path.length() == 0 ? "" : " ")
                        .append(gap ? 'M' : 'L')
                        .append(fmt(px(p[0], x)))
                        .append(',')
                        .append(fmt(py(p[1], y)));
                gap = false;
            }
            s.append("<path d=\"")
                    .append(path)
                    .append("\" fill=\"none\" stroke=\"")
                    .append(color)
                    .append("\" stroke-width=\"1.8\"/>");
            i++;
        }
        legend.draw(s, false);
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
        StringBuilder s = open(title, 10, width, ph + 50);
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
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                                        + " height=\"%.1f\" fill=\"%s\"/>",
                                x0 + (pw - 14) * b / (double) bins,
                                24 + ph - 10 - bh,
                                (pw - 14) / (double) bins,
                                bh,
                                color));
            }
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s"
                                    + "</text><text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\">[%s, %s]"
                                    + "</text>",
                            x0,
                            24 + ph + 4,
                            fit(e.getKey(), (pw - 14) / CHAR_W),
                            x0,
                            24 + ph + 16,
                            Ticks.format(h[0]),
                            Ticks.format(h[1])));
            i++;
        }
        return s.append("</svg>").toString();
    }

    /**
     * A bar chart with a whisker per bar from {@code low} to {@code high} (e.g. the range over
     * seeds); the legend under the plot names the bars.
     *
     * @param title chart title
     * @param labels one per bar
     * @param values bar heights
     * @param low lower end of each whisker (NaN, or equal to {@code high}, for none)
     * @param high upper end of each whisker
     * @return the SVG element
     */
    public static String bars(
            String title, List<String> labels, double[] values, double[] low, double[] high) {
        double top = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                top =
                        Math.max(
                                top,
                                Double.isFinite(high[i])
                                        ? Math.max(values[i], high[i])
                                        : values[i]);
            }
        }
        // room above the tallest bar for its value label
        Axis y = Ticks.of(Scale.LINEAR, 0, top > 0 ? top * 1.08 : 1, 5);
        List<String> colors = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            colors.add(COLORS.get(i % COLORS.size()));
        }
        Legend legend = Legend.layout(labels, colors, T + PH + 18);
        StringBuilder s = open(title, L, W, legend.bottom());
        yAxis(s, y);
        xAxis(s, null, "");
        double slot = PW / (double) Math.max(1, values.length);
        for (int i = 0; i < values.length; i++) {
            String color = colors.get(i);
            double v = Double.isFinite(values[i]) ? values[i] : 0;
            double x = L + slot * i + slot * 0.2;
            double top0 = py(v, y);
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                                    + " height=\"%.1f\" fill=\"%s\" opacity=\"0.8\"/>",
                            x,
                            top0,
                            slot * 0.6,
                            T + PH - top0,
                            color));
            double cx = x + slot * 0.3;
            double labelY = top0 - 4;
            if (Double.isFinite(low[i]) && Double.isFinite(high[i]) && high[i] > low[i]) {
                double hi = py(high[i], y);
                double lo = py(Math.max(0, low[i]), y);
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\""
                                        + " y2=\"%.1f\" stroke=\"#000\"/>",
                                cx,
                                cx,
                                lo,
                                hi));
                for (double end : new double[] {lo, hi}) {
                    s.append(
                            String.format(
                                    Locale.ROOT,
                                    "<line x1=\"%.1f\" x2=\"%.1f\""
                                            + " y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>",
                                    cx - 5,
                                    cx + 5,
                                    end,
                                    end));
                }
                labelY = Math.min(labelY, hi - 4);
            }
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\""
                                    + " text-anchor=\"middle\">%s</text>",
                            cx,
                            Math.max(T + 11, labelY),
                            Double.isFinite(values[i])
                                    ? String.format(Locale.ROOT, "%.3f", values[i])
                                    : "n/a"));
        }
        legend.draw(s, true);
        return s.append("</svg>").toString();
    }

    private static boolean placeable(double y, boolean log) {
        return Double.isFinite(y) && (!log || y > 0);
    }

    private static void include(double[] box, double x, double y) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.max(box[1], x);
        box[2] = Math.min(box[2], y);
        box[3] = Math.max(box[3], y);
    }

    private static StringBuilder open(String title, int titleX, int width, int height) {
        return new StringBuilder(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\"><text x=\"%d\" y=\"18\""
                                + " font-size=\"14\" font-weight=\"bold\">%s</text>",
                        width,
                        height,
                        width,
                        height,
                        titleX,
                        Html.escape(title)));
    }

    /** The plot frame, horizontal grid lines and the y tick labels. */
    private static void yAxis(StringBuilder s, Axis y) {
        s.append("<g class=\"grid\" stroke=\"#eee\">");
        for (double v : y.values()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" x2=\"%d\" y1=\"%.2f\"" + " y2=\"%.2f\"/>",
                            L,
                            L + PW,
                            py(v, y),
                            py(v, y)));
        }
        s.append("</g>");
        s.append(
                String.format(
                        Locale.ROOT,
                        "<g class=\"y-ticks\" data-scale=\"%s\""
                                + " font-size=\"10\" text-anchor=\"end\">",
                        scaleName(y)));
        double[] values = y.values();
        for (int k = 0; k < values.length; k++) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%.2f\">%s</text>",
                            L - 6,
                            py(values[k], y) + 3.5,
                            Html.escape(y.labels().get(k))));
        }
        s.append("</g>");
        s.append(
                String.format(
                        Locale.ROOT,
                        "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\""
                                + " height=\"%d\" fill=\"none\" stroke=\"#888\"/>",
                        L,
                        T,
                        PW,
                        PH));
    }

    /** Vertical grid lines, tick marks, tick labels and the label of the x axis (if any). */
    private static void xAxis(StringBuilder s, Axis x, String xLabel) {
        if (x != null) {
            s.append("<g class=\"grid\" stroke=\"#eee\">");
            for (double v : x.values()) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%d\"" + " y2=\"%d\"/>",
                                px(v, x),
                                px(v, x),
                                T + 1,
                                T + PH - 1));
            }
            s.append("</g><g stroke=\"#888\">");
            for (double v : x.values()) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"%d\"" + " y2=\"%d\"/>",
                                px(v, x),
                                px(v, x),
                                T + PH,
                                T + PH + 4));
            }
            s.append(
                    String.format(
                            Locale.ROOT,
                            "</g><g class=\"x-ticks\" data-scale=\"%s\""
                                    + " font-size=\"10\" text-anchor=\"middle\">",
                            scaleName(x)));
            double[] values = x.values();
            for (int k = 0; k < values.length; k++) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<text x=\"%.2f\" y=\"%d\">%s</text>",
                                px(values[k], x),
                                T + PH + 15,
                                Html.escape(x.labels().get(k))));
            }
            s.append("</g>");
        }
        if (!xLabel.isEmpty()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" font-size=\"11\""
                                    + " text-anchor=\"middle\">%s</text>",
                            L + PW / 2,
                            T + PH + 31,
                            Html.escape(xLabel)));
        }
    }

    private static String scaleName(Axis a) {
        return a.scale().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Legend entries flowed left to right in rows under the plot, starting at the plot's left edge;
     * a label too long for a row is shortened with an ellipsis (its full text in a tooltip).
     */
    private record Legend(
            List<String> labels,
            List<String> colors,
            double[] xs,
            int[] rows,
            int firstBaseline,
            int rowCount) {

        static Legend layout(List<String> labels, List<String> colors, int firstBaseline) {
            LegendFlow flow =
                    LegendFlow.of(
                            labels.stream()
                                    .mapToDouble(
                                            label ->
                                                    16
                                                            + Math.min(label.length(), maxChars())
                                                                    * CHAR_W)
                                    .toArray(),
                            L,
                            PW,
                            14);
            return new Legend(
                    labels, colors, flow.xs(), flow.rows(), firstBaseline, flow.rowCount());
        }

        static int maxChars() {
            return (int) ((PW - 16) / CHAR_W);
        }

        /** The chart height that fits the legend. */
        int bottom() {
            return firstBaseline + Math.max(0, rowCount - 1) * LEGEND_ROW + 8;
        }

        void draw(StringBuilder s, boolean boxes) {
            s.append("<g class=\"legend\" font-size=\"10\">");
            for (int i = 0; i < labels.size(); i++) {
                int baseline = firstBaseline + rows[i] * LEGEND_ROW;
                String label = labels.get(i);
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%.1f\" y=\"%d\" width=\"12\""
                                        + " height=\"%d\" fill=\"%s\"%s/>",
                                xs[i],
                                boxes ? baseline - 9 : baseline - 5,
                                boxes ? 9 : 3,
                                colors.get(i),
                                boxes ? " opacity=\"0.8\"" : ""));
                s.append(
                        String.format(
                                Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">", xs[i] + 16, baseline));
                if (label.length() > maxChars()) {
                    s.append("<title>").append(Html.escape(label)).append("</title>");
                }
                s.append(fit(label, maxChars())).append("</text>");
            }
            s.append("</g>");
        }
    }

    /** The label, escaped, shortened with an ellipsis to at most {@code chars} characters. */
    private static String fit(String label, double chars) {
        int max = Math.max(2, (int) chars);
        return Html.escape(label.length() <= max ? label : label.substring(0, max - 1) + "…");
    }

    private static double px(double x, Axis axis) {
        return L + PW * axis.fraction(x);
    }

    private static double py(double y, Axis axis) {
        return T + PH - PH * axis.fraction(y);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
