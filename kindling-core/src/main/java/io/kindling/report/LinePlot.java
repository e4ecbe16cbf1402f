package io.kindling.report;

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
import java.util.Map;

/** A PNG line chart of one or more series of (x, y) points, e.g. a learning-rate schedule. */
public final class LinePlot {

    private static final int WIDTH = 820;
    private static final int PLOT_HEIGHT = 340;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final Color[] PALETTE = {
        new Color(31, 119, 180),
        new Color(214, 39, 40),
        new Color(44, 160, 44),
        new Color(148, 103, 189),
        new Color(255, 127, 14)
    };

    private LinePlot() {}

    /**
     * Writes the chart. Axes take {@linkplain Ticks nice ticks}; the legend sits below the plot, in
     * as many rows as it needs (the image grows taller), never over the data.
     *
     * @param file PNG path
     * @param title the title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param xScale x-axis scale ({@link Ticks.Scale#INTEGER} for steps)
     * @param series label → points, each {@code {x, y}}
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path file,
            String title,
            String xLabel,
            String yLabel,
            Ticks.Scale xScale,
            Map<String, double[][]> series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        double xmin = Double.MAX_VALUE;
        double xmax = -Double.MAX_VALUE;
        double ymin = Double.MAX_VALUE;
        double ymax = -Double.MAX_VALUE;
        for (double[][] pts : series.values()) {
            for (double[] p : pts) {
                if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                    xmin = Math.min(xmin, p[0]);
                    xmax = Math.max(xmax, p[0]);
                    ymin = Math.min(ymin, p[1]);
                    ymax = Math.max(ymax, p[1]);
                }
            }
        }
        Ticks.Axis xAxis =
                xmin > xmax ? Ticks.of(xScale, 0, 1, 8) : Ticks.of(xScale, xmin, xmax, 8);
        Ticks.Axis yAxis =
                ymin > ymax
                        ? Ticks.of(Ticks.Scale.LINEAR, 0, 1, 6)
                        : Ticks.of(Ticks.Scale.LINEAR, ymin, ymax, 6);
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(plain);
        pg.dispose();
        double w = WIDTH - LEFT - RIGHT;
        double h = PLOT_HEIGHT;
        // legend layout: entries flow left to right in rows below the x-axis label
        LegendFlow legend =
                LegendFlow.of(
                        series.keySet().stream()
                                .mapToDouble(label -> 18 + fm.stringWidth(label))
                                .toArray(),
                        LEFT,
                        w,
                        18);
        int legendTop = (int) (TOP + h) + 52;
        int height = legendTop + legend.rowCount() * 18 + 6;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setFont(plain);
        double[] xt = xAxis.values();
        double[] yt = yAxis.values();
        g.setColor(new Color(235, 235, 235));
        for (double v : xt) {
            int px = (int) Math.round(LEFT + w * xAxis.fraction(v));
            g.drawLine(px, TOP, px, (int) (TOP + h));
        }
        for (double v : yt) {
            int py = (int) Math.round(TOP + h - h * yAxis.fraction(v));
            g.drawLine(LEFT, py, (int) (LEFT + w), py);
        }
        int i = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (double[] p : e.getValue()) {
                if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                    started = false;
                    continue;
                }
                double px = LEFT + w * xAxis.fraction(p[0]);
                double py = TOP + h - h * yAxis.fraction(p[1]);
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
            }
            Color c = PALETTE[i % PALETTE.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            g.draw(line);
            int baseline = legendTop + 18 * legend.rows()[i];
            int lx = (int) legend.xs()[i];
            g.fillRect(lx, baseline - 6, 12, 4);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), lx + 18, baseline);
            i++;
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, (int) w, (int) h);
        PngAxes.drawTicks(g, xAxis, yAxis, LEFT, TOP, w, h);
        g.drawString(
                xLabel, (int) (LEFT + w / 2) - fm.stringWidth(xLabel) / 2, (int) (TOP + h) + 38);
        g.drawString(yLabel, 6, TOP - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.dispose();
        AtomicFile.writePng(file, img);
    }
}
