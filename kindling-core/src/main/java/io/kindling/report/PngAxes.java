package io.kindling.report;

import java.awt.FontMetrics;
import java.awt.Graphics2D;

/** Tick marks and tick labels of a PNG plot's two axes, drawn the same way by every plot. */
final class PngAxes {

    private PngAxes() {}

    /**
     * Draws each axis's ticks: x labels centered under the plot, y labels right-aligned left of it,
     * in the graphics' current color and font.
     *
     * @param g where to draw
     * @param x the x axis
     * @param y the y axis
     * @param left the plot's left edge in pixels
     * @param top the plot's top edge in pixels
     * @param w the plot's width in pixels
     * @param h the plot's height in pixels
     */
    static void drawTicks(
            Graphics2D g, Ticks.Axis x, Ticks.Axis y, int left, int top, double w, double h) {
        FontMetrics fm = g.getFontMetrics();
        int bottom = (int) Math.round(top + h);
        double[] xt = x.values();
        for (int t = 0; t < xt.length; t++) {
            int px = (int) Math.round(left + w * x.fraction(xt[t]));
            String label = x.labels().get(t);
            g.drawLine(px, bottom, px, bottom + 4);
            g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 18);
        }
        double[] yt = y.values();
        for (int t = 0; t < yt.length; t++) {
            int py = (int) Math.round(top + h - h * y.fraction(yt[t]));
            String label = y.labels().get(t);
            g.drawLine(left - 4, py, left, py);
            g.drawString(label, left - 8 - fm.stringWidth(label), py + 4);
        }
    }
}
