package io.kindling.train;

import java.util.Map;

/**
 * The {@code best} checkpoint ({@code keep_best}) as a callback: after an evaluation's record (and
 * after every other callback's {@code onEvaluation}, so it holds what they did) it is written when
 * the monitored metric is finite and better than at any evaluation before.
 */
final class BestCheckpoint implements Callback {

    private final String monitor;
    private final boolean min;
    private final RunControl run;

    /**
     * @param monitor {@link TrainSpec#bestMonitor()}: the metric and min or max
     */
    BestCheckpoint(ModelSelection.Monitored monitor, RunControl run) {
        this.monitor = monitor.metric();
        this.min = monitor.mode() == MonitorMode.MIN;
        this.run = run;
    }

    @Override
    public void onEvaluation(TrainState state, Map<String, Object> metrics) {
        double value = ((Number) metrics.get(monitor)).doubleValue();
        double best = state.bestMonitored;
        boolean better = Double.isNaN(best) || (min ? value < best : value > best);
        if (Double.isFinite(value) && better) {
            state.bestMonitored = value;
            run.saveCheckpoint(Checkpointer.BEST);
        }
    }
}
