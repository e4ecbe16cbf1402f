/**
 * Learning-rate (and any hyper-parameter) schedules as pure functions of the step, matching
 * {@code torch.optim.lr_scheduler}.
 */
package io.kindling.schedule;
