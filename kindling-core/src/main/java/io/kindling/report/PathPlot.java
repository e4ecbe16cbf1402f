package io.kindling.report;

import io.kindling.optim.TestFunction;
import io.kindling.optim.Trajectory;
import io.kindling.runfolder.AtomicFile;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Optimizer paths over a 2-D test function: the function's log-value drawn as banded contour
 * levels, each optimizer's path as a line from its start (circle) to its end (square).
 */
public final class PathPlot {

    private static final int SIZE_X = 760;
    private static final int PLOT_HEIGHT = 460;
    private static final int MARGIN = 50;
    private static final Color[] PALETTE = {
        new Color(214, 39, 40),
        new Color(31, 119, 180),
        new Color(44, 160, 44),
        new Color(148, 103, 189),
        new Color(255, 127, 14),
        new Color(23, 190, 207),
        new Color(140, 86, 75),
        new Color(227, 119, 194)
    };

    private PathPlot() {}

    /**
     * Writes the plot as PNG.
     *
     * @param file the PNG path
     * @param function the function (its first two coordinates are drawn)
     * @param paths label → trajectory, in legend order
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, TestFunction function, Map<String, Trajectory> paths)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] b = bounds(paths);
        Ticks.Axis xAxis = Ticks.of(Ticks.Scale.LINEAR, b[0], b[1], 6);
        Ticks.Axis yAxis = Ticks.of(Ticks.Scale.LINEAR, b[2], b[3], 6);
        double[] box = {xAxis.lo(), xAxis.hi(), yAxis.lo(), yAxis.hi()};
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(plain);
        pg.dispose();
        int w = SIZE_X - 2 * MARGIN;
        int h = PLOT_HEIGHT;
        // legend below the plot, entries flowing left to right in as many rows as needed
        List<String> legend = new ArrayList<>();
        for (Map.Entry<String, Trajectory> e : paths.entrySet()) {
            double[][] rows = e.getValue().rows();
            legend.add(
                    String.format(
                            Locale.ROOT,
                            "%s  (final loss %s)",
                            e.getKey(),
                            rows.length == 0 ? "n/a" : Ticks.format(rows[rows.length - 1][0])));
        }
        LegendFlow flow =
                LegendFlow.of(
                        legend.stream().mapToDouble(label -> 18 + fm.stringWidth(label)).toArray(),
                        MARGIN,
                        w,
                        20);
        int legendTop = MARGIN + h + 40;
        int height = legendTop + flow.rowCount() * 18 + 4;
        BufferedImage img = new BufferedImage(SIZE_X, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE_X, height);
        for (int px = 0; px < w; px++) {
            for (int py = 0; py < h; py++) {
                double fx = box[0] + (box[1] - box[0]) * px / (w - 1);
                double fy = box[3] - (box[3] - box[2]) * py / (h - 1);
                double level = Math.floor(2 * Math.log10(1 + function.value(fx, fy)));
                float shade = (float) Math.max(0, Math.min(1, 1 - level / 16));
                img.setRGB(
                        MARGIN + px,
                        MARGIN + py,
                        Color.HSBtoRGB(0.58f, 0.35f * (1 - shade) + 0.05f, 0.55f + 0.45f * shade));
            }
        }
        int i = 0;
        g.setFont(plain);
        for (Map.Entry<String, Trajectory> e : paths.entrySet()) {
            Color c = PALETTE[i % PALETTE.length];
            drawPath(g, e.getValue(), box, w, h, c);
            int baseline = legendTop + 18 * flow.rows()[i];
            int lx = (int) flow.xs()[i];
            g.setColor(c);
            g.fillRect(lx, baseline - 6, 12, 4);
            g.setColor(Color.BLACK);
            g.drawString(legend.get(i), lx + 18, baseline);
            i++;
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(MARGIN, MARGIN, w, h);
        PngAxes.drawTicks(g, xAxis, yAxis, MARGIN, MARGIN, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(
                function.label()
                        + ": optimizer paths (x0 across, x1 up; bands = log10"
                        + " levels of f)",
                MARGIN,
                30);
        g.dispose();
        AtomicFile.writePng(file, img);
    }

    private static void drawPath(Graphics2D g, Trajectory t, double[] box, int w, int h, Color c) {
        Path2D.Double line = new Path2D.Double();
        double[][] rows = t.rows();
        for (int k = 0; k < rows.length; k++) {
            double px = MARGIN + w * (rows[k][1] - box[0]) / (box[1] - box[0]);
            double py = MARGIN + h - h * (rows[k][2] - box[2]) / (box[3] - box[2]);
            if (k == 0) {
                line.moveTo(px, py);
                g.setColor(c);
                g.drawOval((int) px - 5, (int) py - 5, 10, 10);
            } else {
                line.lineTo(px, py);
            }
            if (k == rows.length - 1) {
                g.setColor(c);
                g.fillRect((int) px - 4, (int) py - 4, 8, 8);
            }
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(1.8f));
        g.draw(line);
    }

    /** [xmin, xmax, ymin, ymax] around every path point, with a margin, finite only. */
    private static double[] bounds(Map<String, Trajectory> paths) {
        double[] b = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Trajectory t : paths.values()) {
            for (double[] r : t.rows()) {
                if (r.length < 3 || !Double.isFinite(r[1]) || !Double.isFinite(r[2])) {
                    continue;
                }
                b[0] = Math.min(b[0], r[1]);
                b[1] = Math.max(b[1], r[1]);
                b[2] = Math.min(b[2], r[2]);
                b[3] = Math.max(b[3], r[2]);
            }
        }
        double dx = Math.max(0.5, (b[1] - b[0]) * 0.15);
        double dy = Math.max(0.5, (b[3] - b[2]) * 0.15);
        return new double[] {b[0] - dx, b[1] + dx, b[2] - dy, b[3] + dy};
    }
}
