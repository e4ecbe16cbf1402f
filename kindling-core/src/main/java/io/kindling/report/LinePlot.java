package io.kindling.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** A PNG line chart of one or more series of (x, y) points, e.g. a learning-rate schedule. */
public final class LinePlot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 440;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14)};

    private LinePlot() {}

    /**
     * Writes the chart.
     *
     * @param file PNG path
     * @param title the title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param series label → points, each {@code {x, y}}
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, String xLabel, String yLabel,
            Map<String, double[][]> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double xmin = Double.MAX_VALUE;
        double xmax = -Double.MAX_VALUE;
        double ymin = Double.MAX_VALUE;
        double ymax = -Double.MAX_VALUE;
        for (double[][] pts : series.values()) {
            for (double[] p : pts) {
                if (Double.isFinite(p[1])) {
                    xmin = Math.min(xmin, p[0]);
                    xmax = Math.max(xmax, p[0]);
                    ymin = Math.min(ymin, p[1]);
                    ymax = Math.max(ymax, p[1]);
                }
            }
        }
        if (xmax <= xmin) {
            xmax = xmin + 1;
        }
        if (ymax <= ymin) {
            ymax = ymin + Math.max(1e-12, Math.abs(ymin) * 0.1 + 1e-12);
        }
        double pad = (ymax - ymin) * 0.05;
        ymin -= pad;
        ymax += pad;
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double w = WIDTH - LEFT - RIGHT;
        double h = HEIGHT - TOP - BOTTOM;
        int i = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (double[] p : e.getValue()) {
                if (!Double.isFinite(p[1])) {
                    continue;
                }
                double px = LEFT + w * (p[0] - xmin) / (xmax - xmin);
                double py = TOP + h - h * (p[1] - ymin) / (ymax - ymin);
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
            g.fillRect(LEFT + 10, TOP + 8 + 16 * i, 12, 4);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), LEFT + 28, TOP + 14 + 16 * i);
            i++;
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, (int) w, (int) h);
        for (int t = 0; t <= 4; t++) {
            g.drawString(String.format(Locale.ROOT, "%.4g", xmin + (xmax - xmin) * t / 4),
                    (int) (LEFT + w * t / 4) - 14, (int) (TOP + h + 18));
            g.drawString(String.format(Locale.ROOT, "%.4g", ymin + (ymax - ymin) * t / 4), 6,
                    (int) (TOP + h - h * t / 4) + 4);
        }
        g.drawString(xLabel, (int) (LEFT + w / 2) - 10, HEIGHT - 10);
        g.drawString(yLabel, 6, TOP - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 24);
        g.dispose();
        AtomicFile.writePng(file, img);
    }
}
