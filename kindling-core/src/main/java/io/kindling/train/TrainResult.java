package io.kindling.train;

import io.kindling.metrics.Evaluation;

/**
 * How a run ended.
 *
 * @param steps optimizer steps made
 * @param epochs epochs started
 * @param finalTrainLoss mean training loss over the last logging window
 * @param test evaluation on the test split after the last step
 * @param samplesPerSecond training throughput (training steps only, evaluation excluded)
 * @param seconds wall-clock seconds of the whole run
 */
public record TrainResult(long steps, int epochs, double finalTrainLoss, Evaluation test,
        double samplesPerSecond, double seconds) {}
