/**
 * Learning-rate (and any hyper-parameter) schedules as pure functions of the step, matching {@code
 * torch.optim.lr_scheduler}.
 *
 * <p>A {@link io.kindling.schedule.Schedule} maps step {@code k} (the number of {@code
 * scheduler.step()} calls so far) and a base value to the value in force, with no hidden state, so
 * a checkpoint needs only the step. {@link io.kindling.schedule.Schedules#REGISTRY} builds them by
 * name: {@code step}, {@code multistep}, {@code exponential}, {@code cosine}, {@code
 * cosine_warm_restarts}, {@code linear}, {@code constant}, {@code polynomial}, {@code cyclic},
 * {@code onecycle}, {@code sequential} (PyTorch's StepLR … SequentialLR, same arguments in lower
 * case) and {@code warmup_cosine}. Each is tested at every step against the lr PyTorch's scheduler
 * sets ({@code tools/reference/schedule_reference.py}). {@link io.kindling.schedule.ScheduleTable}
 * tabulates a schedule. {@code ReduceLROnPlateau} depends on metrics, not the step, and belongs
 * with the trainer's callbacks.
 */
package io.kindling.schedule;
