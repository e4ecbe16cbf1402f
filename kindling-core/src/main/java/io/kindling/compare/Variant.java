package io.kindling.compare;

import io.kindling.train.TrainSpec;

/**
 * One arm of a comparison.
 *
 * @param label a short name shown in plots and tables
 * @param spec the run; its seed is the first of the seeds
 */
public record Variant(String label, TrainSpec spec) {}
