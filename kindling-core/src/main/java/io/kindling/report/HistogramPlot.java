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
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A PNG histogram of sampled values, normalized as a density, with the target density drawn over it
 * when there is one, so a reader sees at a glance whether the sample fits.
 */
public final class HistogramPlot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 72;
    private static final int BOTTOM = 50;

    private HistogramPlot() {}

    /**
     * Writes the plot.
     *
     * @param file PNG path
     * @param values the sample
     * @param density the target density, if any
     * @param title first line of the title (e.g. the initializer's expression)
     * @param subtitle second line (e.g. shape and statistics)
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path file,
            float[] values,
            Optional<DoubleUnaryOperator> density,
            String title,
            String subtitle)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        Ticks.Axis xAxis = Ticks.of(Ticks.Scale.LINEAR, min, max, 8);
        int bins = Math.max(10, Math.min(80, (int) Math.sqrt(values.length)));
        double width = (max - min) / bins;
        double[] heights = new double[bins];
        for (float v : values) {
            heights[Math.min(bins - 1, (int) ((v - min) / width))] += 1.0 / (values.length * width);
        }
        double top = 0;
        for (double h : heights) {
            top = Math.max(top, h);
        }
        if (density.isPresent()) {
            for (int i = 0; i <= 200; i++) {
                double y =
                        density.get()
                                .applyAsDouble(xAxis.lo() + (xAxis.hi() - xAxis.lo()) * i / 200);
                if (Double.isFinite(y)) {
                    top = Math.max(top, y);
                }
            }
        }
        Ticks.Axis yAxis = Ticks.of(Ticks.Scale.LINEAR, 0, top > 0 ? top : 1, 6);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        g.setColor(new Color(235, 235, 235));
        for (double v : yAxis.values()) {
            int py = (int) Math.round(TOP + plotH - plotH * yAxis.fraction(v));
            g.drawLine(LEFT, py, (int) (LEFT + plotW), py);
        }
        g.setColor(new Color(120, 150, 200));
        for (int i = 0; i < bins; i++) {
            int x0 = (int) (LEFT + plotW * xAxis.fraction(min + width * i));
            int x1 = (int) (LEFT + plotW * xAxis.fraction(min + width * (i + 1)));
            int h = (int) (plotH * yAxis.fraction(heights[i]));
            g.fillRect(x0, (int) (TOP + plotH - h), Math.max(1, x1 - x0 - 1), h);
        }
        if (density.isPresent()) {
            Path2D.Double curve = new Path2D.Double();
            for (int i = 0; i <= 400; i++) {
                double x = xAxis.lo() + (xAxis.hi() - xAxis.lo()) * i / 400;
                double y = density.get().applyAsDouble(x);
                double px = LEFT + plotW * i / 400;
                double py = TOP + plotH - plotH * yAxis.fraction(Double.isFinite(y) ? y : 0);
                if (i == 0) {
                    curve.moveTo(px, py);
                } else {
                    curve.lineTo(px, py);
                }
            }
            g.setColor(new Color(200, 40, 40));
            g.setStroke(new BasicStroke(2.2f));
            g.draw(curve);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(LEFT, (int) (TOP + plotH), (int) (LEFT + plotW), (int) (TOP + plotH));
        g.drawLine(LEFT, TOP, LEFT, (int) (TOP + plotH));
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(plain);
        FontMetrics fm = g.getFontMetrics();
        PngAxes.drawTicks(g, xAxis, yAxis, LEFT, TOP, plotW, plotH);
        g.drawString("value", (int) (LEFT + plotW / 2) - fm.stringWidth("value") / 2, HEIGHT - 10);
        g.drawString(
                density.isPresent()
                        ? "histogram (density) and target density (red)"
                        : "histogram (density); this initializer has no simple target density",
                LEFT + 10,
                TOP - 6);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, LEFT, 36);
        g.dispose();
        AtomicFile.writePng(file, img);
    }
}
