/**
 * Tasks beside models: what a model is trained to do, its loss and its metrics. Main type: {@link
 * io.kindling.task.Task}; today {@link io.kindling.task.Classification}.
 */
package io.kindling.task;
