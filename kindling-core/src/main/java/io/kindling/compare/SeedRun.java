package io.kindling.compare;

/**
 * One seed's outcome within a variant, so that a reader (or a test) sees the spread over seeds and
 * not only its mean.
 *
 * @param seed the seed
 * @param finalTrainLoss mean training loss over the last 10% of this run's logged steps (NaN when
 *     diverged or failed)
 * @param testAccuracy the last evaluation's test accuracy (NaN when failed)
 * @param diverged whether the run hit a non-finite loss or failed
 */
public record SeedRun(long seed, double finalTrainLoss, double testAccuracy, boolean diverged) {}
