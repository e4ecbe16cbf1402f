/**
 * Losses and evaluation metrics: {@link io.kindling.metrics.CrossEntropy} and {@link
 * io.kindling.metrics.Evaluation} (loss and accuracy per split).
 */
package io.kindling.metrics;
