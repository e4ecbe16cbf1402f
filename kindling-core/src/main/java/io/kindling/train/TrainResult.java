package io.kindling.train;

import io.kindling.metrics.Evaluation;

/**
 * How a run ended.
 *
 * @param steps optimizer steps made
 * @param epochs epochs started
 * @param finalTrainLoss mean training loss over the last logging window
 * @param test evaluation on the test split after the last step (null if the run was interrupted
 *     before any evaluation)
 * @param validation evaluation on the validation split, or null when there is none
 * @param samplesPerSecond training throughput (training steps only, evaluation excluded)
 * @param seconds wall-clock seconds of the whole run
 * @param stopReason why the run ended before its budget ({@code early_stopping}, {@code
 *     time_limit}, {@code interrupted}, {@code non_finite_loss}), or null
 */
public record TrainResult(
        long steps,
        int epochs,
        double finalTrainLoss,
        Evaluation test,
        Evaluation validation,
        double samplesPerSecond,
        double seconds,
        String stopReason) {}
