package io.kindling.data;

import java.util.List;

/**
 * The index map behind {@link Augmentation}'s crop, flip and translate: for every example and
 * output pixel, the flat source pixel it reads, or {@code H·W} (an appended zero column) where it
 * reads from outside the image. Composing the three maps in Java lets the engine move the pixels in
 * one gather.
 */
final class ImageWarp {

    private ImageWarp() {}

    /**
     * Builds the map, undoing the steps from last to first for each output pixel {@code (r, q)}:
     *
     * <pre>
     * translate: (r1, q1) = (r − dy, q − dx)                 outside H×W → zero
     * flip:      q2 = flipped ? W − 1 − q1 : q1
     * crop:      (r3, q3) = (r1 + top − P, q2 + left − P)   outside H×W → zero
     * source     r3·W + q3
     * </pre>
     *
     * @param height image rows H
     * @param width image columns W
     * @param pad the crop's padding P
     * @param draws one per example
     * @return row-major {@code (B, H·W)} flat indices into {@code (B, H·W + 1)}
     */
    static long[] indexMap(int height, int width, int pad, List<Augmentation.Draw> draws) {
        int pixels = height * width;
        long[] map = new long[Math.multiplyExact(draws.size(), pixels)];
        int at = 0;
        for (Augmentation.Draw d : draws) {
            for (int r = 0; r < height; r++) {
                for (int q = 0; q < width; q++) {
                    map[at++] = source(height, width, pad, d, r, q);
                }
            }
        }
        return map;
    }

    private static int source(int height, int width, int pad, Augmentation.Draw d, int r, int q) {
        int zero = height * width;
        int r1 = r - d.dy();
        int q1 = q - d.dx();
        if (r1 < 0 || r1 >= height || q1 < 0 || q1 >= width) {
            return zero;
        }
        int q2 = d.flipped() ? width - 1 - q1 : q1;
        int r3 = r1 + d.top() - pad;
        int q3 = q2 + d.left() - pad;
        if (r3 < 0 || r3 >= height || q3 < 0 || q3 >= width) {
            return zero;
        }
        return r3 * width + q3;
    }
}
