/**
 * Tasks beside models: what a model is trained to do, its loss and its metrics. Main type: {@link
 * io.kindling.task.Task}; the tasks are {@link io.kindling.task.Classification}, {@link
 * io.kindling.task.Regression} (plain or a forecast) and {@link
 * io.kindling.task.StepClassification} (a class at every step: next-token prediction), each scoring
 * a split through the one evaluation loop, {@code BatchedEvaluation}.
 */
package io.kindling.task;
