package io.kindling.schedule;

/** Tabulates a schedule, e.g. for {@code kindling schedule} and plots. */
public final class ScheduleTable {

    private ScheduleTable() {}

    /**
     * The value used by update {@code k}, for {@code k = 0 … steps−1}: {@code s.value(k, base)},
     * i.e. the lr in force before the {@code (k+1)}-th {@code scheduler.step()}.
     *
     * @param s the schedule
     * @param base the base value, e.g. the optimizer's lr
     * @param steps how many updates, {@code >= 0}
     * @return {@code steps} values, one per update
     * @throws IllegalArgumentException if {@code steps < 0}, or the schedule ends before ({@code
     *     onecycle} past {@code total_steps})
     */
    public static double[] values(Schedule s, double base, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) {
            out[k] = s.value(k, base);
        }
        return out;
    }
}
