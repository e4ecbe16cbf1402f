package io.kindling.data;

/**
 * A global pixel standardization, {@code (x - mean) / std}, with {@code x} the pixel scaled to [0,
 * 1]. Fit it on the training split only and apply the same values to the test split: statistics
 * taken from test data would leak it into training.
 *
 * @param mean mean of the scaled training pixels
 * @param std their standard deviation (population, dividing by the count)
 */
public record Standardization(double mean, double std) {

    /** Checks that dividing by {@code std} is meaningful. */
    public Standardization {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException(
                    "standardization needs a finite mean and a"
                            + " positive finite std, got mean "
                            + mean
                            + ", std "
                            + std);
        }
    }

    /**
     * Fits the statistics of real-valued inputs (two passes, in double precision).
     *
     * @param values the inputs, at least one
     * @return their mean and population standard deviation
     */
    public static Standardization fit(float[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to fit a standardization on");
        }
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= values.length;
        double variance = 0;
        for (float v : values) {
            variance += (v - mean) * (v - mean);
        }
        return new Standardization(mean, Math.sqrt(variance / values.length));
    }

    /**
     * Fits the statistics of unsigned-byte pixels scaled by 1/255.
     *
     * @param pixels the pixels, at least one
     * @return their mean and population standard deviation
     */
    public static Standardization fit(byte[] pixels) {
        if (pixels.length == 0) {
            throw new IllegalArgumentException("no pixels to fit a standardization on");
        }
        // A byte has 256 values, so a histogram gives exact sums and a stable two-pass variance
        // in one sweep of the data.
        long[] counts = new long[256];
        for (byte p : pixels) {
            counts[p & 0xFF]++;
        }
        double n = pixels.length;
        double mean = 0;
        for (int v = 0; v < 256; v++) {
            mean += counts[v] * (v / 255.0);
        }
        mean /= n;
        double variance = 0;
        for (int v = 0; v < 256; v++) {
            double d = v / 255.0 - mean;
            variance += counts[v] * d * d;
        }
        return new Standardization(mean, Math.sqrt(variance / n));
    }
}
