package io.kindling.schedule;

import io.kindling.config.Expressible;

/**
 * A schedule for a hyper-parameter, usually the learning rate: a pure function of the step, with no
 * hidden state, so it checkpoints trivially (save the step) and can drive any hyper-parameter, not
 * only the learning rate.
 *
 * <p>Step {@code k} counts {@code scheduler.step()} calls in PyTorch's terms: {@code value(0,
 * base)} is the value right after the scheduler is built, i.e. the one the first optimizer update
 * uses, and {@code value(k, base)} is {@code optimizer.param_groups[0]['lr']} after {@code k} calls
 * of {@code scheduler.step()} on an optimizer whose lr is {@code base}. Every schedule is tested
 * against {@code torch.optim.lr_scheduler} to 1e-9 relative ({@code
 * tools/reference/schedule_reference.py}). Build one by name through {@link Schedules#REGISTRY},
 * e.g. {@code cosine(t_max=100, eta_min=1e-5)}.
 */
public interface Schedule extends Expressible {

    /**
     * The value at step {@code k}.
     *
     * @param step k, the number of scheduler steps so far, {@code >= 0}
     * @param base the base value, e.g. the optimizer's lr (ignored by schedules that set their own
     *     range, such as {@code cyclic} and {@code onecycle})
     * @return the value in force at that step
     * @throws IllegalArgumentException if {@code step < 0}, or past the end of a schedule that has
     *     one ({@code onecycle})
     */
    double value(long step, double base);
}
