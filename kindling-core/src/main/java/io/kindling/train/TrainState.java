package io.kindling.train;

import io.kindling.nn.Model;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run stands: steps and epochs done, the position in the epoch's batch order, the running
 * training-loss window, learning-rate factors, and whether a stop was requested. Together with the
 * parameters, the optimizer state and the rules' states it is everything a checkpoint needs to
 * continue the run exactly: the data order is a function of (seed, epoch), and the engine generator
 * is reseeded from (seed, step) before every step.
 */
public final class TrainState {

    private final Model model;
    private final long totalSteps;
    long step;
    int epoch = 1;
    int batchInEpoch;
    double windowSum;
    int windowCount;
    double lastWindowMean = Double.NaN;
    long trainSamples;
    long trainNanos;
    double plateauScale = 1;
    double rollbackScale = 1;
    int rollbacks;
    double bestMonitored = Double.NaN;
    int lastEvaluatedEpoch;
    private String stopReason;

    TrainState(Model model, long totalSteps) {
        this.model = model;
        this.totalSteps = totalSteps;
    }

    /** Optimizer steps done. */
    public long step() {
        return step;
    }

    /** The epoch the next step belongs to (1-based). */
    public int epoch() {
        return epoch;
    }

    /** Steps the budget allows in all. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** Factor on every update from rules (reduce-on-plateau × NaN rollbacks); 1 when none. */
    public double lrFactor() {
        return plateauScale * rollbackScale;
    }

    /**
     * Asks the run to stop after the current step; the run ends normally, writing its final records
     * and checkpoint. The first reason given wins.
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Why a stop was requested, or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The loop position as JSON-ready values (doubles as exact text). */
    Map<String, Object> save() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("epoch", epoch);
        m.put("batch_in_epoch", batchInEpoch);
        m.put("window_sum", Double.toString(windowSum));
        m.put("window_count", windowCount);
        m.put("last_window_mean", Double.toString(lastWindowMean));
        m.put("train_samples", trainSamples);
        m.put("train_nanos", trainNanos);
        m.put("plateau_scale", Double.toString(plateauScale));
        m.put("rollback_scale", Double.toString(rollbackScale));
        m.put("rollbacks", rollbacks);
        m.put("best_monitored", Double.toString(bestMonitored));
        m.put("last_evaluated_epoch", lastEvaluatedEpoch);
        return m;
    }

    /** Puts back a position written by {@link #save}. */
    void restore(Map<String, Object> m) {
        step = ((Number) m.get("step")).longValue();
        epoch = ((Number) m.get("epoch")).intValue();
        batchInEpoch = ((Number) m.get("batch_in_epoch")).intValue();
        windowSum = Double.parseDouble((String) m.get("window_sum"));
        windowCount = ((Number) m.get("window_count")).intValue();
        lastWindowMean = Double.parseDouble((String) m.get("last_window_mean"));
        trainSamples = ((Number) m.get("train_samples")).longValue();
        trainNanos = ((Number) m.get("train_nanos")).longValue();
        plateauScale = Double.parseDouble((String) m.get("plateau_scale"));
        rollbackScale = Double.parseDouble((String) m.get("rollback_scale"));
        rollbacks = ((Number) m.get("rollbacks")).intValue();
        bestMonitored = Double.parseDouble((String) m.get("best_monitored"));
        lastEvaluatedEpoch = ((Number) m.get("last_evaluated_epoch")).intValue();
    }
}
