package io.kindling.diagnose;

/**
 * The residual stream after one block, at initialization, on one real batch: how the signal that
 * every later block reads grows (or does not) with depth.
 *
 * @param block the block's dotted name, e.g. {@code stage2.block1}
 * @param index 1-based position among residual blocks
 * @param streamMean mean of the stream after the block adds its branch
 * @param streamStd std of the stream; its square is the variance plotted per block
 * @param gradientNorm L2 norm of the loss gradient over the block's parameters
 */
public record BlockStats(
        String block, int index, double streamMean, double streamStd, double gradientNorm) {

    /** The stream's variance, std². */
    public double streamVariance() {
        return streamStd * streamStd;
    }
}
