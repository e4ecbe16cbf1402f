package io.kindling.diagnose;

/**
 * Signal statistics of one weighted layer at initialization, on one real batch.
 *
 * @param layer the layer's name, such as "layer3"
 * @param index 1-based depth
 * @param activation the nonlinearity after the layer
 * @param preMean mean of the layer's output before the nonlinearity
 * @param preStd std of that output
 * @param postMean mean after the nonlinearity (equal to pre for the output layer)
 * @param postStd std after the nonlinearity
 * @param saturatedFraction share of post-activations in the flat tails (|tanh| &gt; 0.99, sigmoid
 *     &lt; 0.01 or &gt; 0.99; 0 for other activations)
 * @param deadFraction share of units that are ≤ 0 for the whole batch after a rectifier
 * @param gradientNorm L2 norm of the loss gradient with respect to the layer's weight
 * @param weightStd std of the layer's weight
 * @param histogram the post-activations' distribution over the batch
 */
public record LayerStats(
        String layer,
        int index,
        String activation,
        double preMean,
        double preStd,
        double postMean,
        double postStd,
        double saturatedFraction,
        double deadFraction,
        double gradientNorm,
        double weightStd,
        Histogram histogram) {

    /**
     * Counts of values in equal-width bins between {@code min} and {@code max}.
     *
     * @param min left edge of the first bin
     * @param max right edge of the last bin
     * @param counts values per bin
     */
    public record Histogram(double min, double max, long[] counts) {}
}
