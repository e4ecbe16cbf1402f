package io.kindling.report;

/**
 * Where legend entries go when they flow left to right in rows under a plot, wrapping to a new row
 * when the next entry would pass the plot's right edge. Shared by the SVG and PNG charts, so that
 * no legend ever sits on the data.
 *
 * @param xs each entry's left edge
 * @param rows each entry's row, from 0
 * @param rowCount how many rows are used (0 for no entries)
 */
record LegendFlow(double[] xs, int[] rows, int rowCount) {

    /**
     * Lays out entries of the given widths.
     *
     * @param widths each entry's width (swatch and label)
     * @param left the plot's left edge, where each row starts
     * @param width the plot's width
     * @param gap space between entries on a row
     * @return the layout
     */
    static LegendFlow of(double[] widths, double left, double width, double gap) {
        double[] xs = new double[widths.length];
        int[] rows = new int[widths.length];
        double x = left;
        int row = 0;
        for (int i = 0; i < widths.length; i++) {
            if (x > left && x + widths[i] > left + width) {
                row++;
                x = left;
            }
            xs[i] = x;
            rows[i] = row;
            x += widths[i] + gap;
        }
        return new LegendFlow(xs, rows, widths.length == 0 ? 0 : row + 1);
    }
}
