package io.kindling.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * {@link EarlyStopping} as a callback: judges every evaluation, keeps a copy of the best
 * evaluation's weights when {@code restore_best} is on, stops the run when patience runs out
 * (adding {@code early_stopped} to the record) and, before the last checkpoint, puts the best
 * weights back and records their evaluation with {@code restored_best_epoch}.
 */
final class EarlyStoppingRule implements Callback {

    /** The stop reason this rule gives. */
    static final String REASON = "early_stopping";

    private final EarlyStopping rule;
    private final EarlyStopping.State position;
    private final RunControl run;
    private List<NDArray> best;

    EarlyStoppingRule(EarlyStopping rule, RunControl run) {
        this.rule = rule;
        this.position = rule.start();
        this.run = run;
    }

    /** The rule's position, saved in and restored from checkpoints. */
    EarlyStopping.State position() {
        return position;
    }

    /** The best evaluation's weights (parameter order), or null when none are kept. */
    List<NDArray> bestWeights() {
        return best;
    }

    /** Replaces the best weights with {@code copies} (the run's; the old ones are closed). */
    void setBestWeights(List<NDArray> copies) {
        if (best != null) {
            best.forEach(NDArray::close);
        }
        best = copies;
    }

    @Override
    public void judgeEvaluation(TrainState state, Map<String, Object> metrics) {
        double value = ((Number) metrics.get(rule.monitor())).doubleValue();
        EarlyStopping.Decision d = rule.step(position, value, state.epoch);
        if (d == EarlyStopping.Decision.IMPROVED && rule.restoreBest()) {
            setBestWeights(run.copyWeights());
        }
        if (d == EarlyStopping.Decision.STOP) {
            metrics.put("early_stopped", true);
            state.requestStop(REASON);
        }
    }

    @Override
    public void beforeTrainEnd(TrainState state) {
        if (best == null || position.bestEpoch() == state.lastEvaluatedEpoch) {
            return;
        }
        run.restoreWeights(best);
        Map<String, Object> metrics = run.evaluate();
        metrics.put("restored_best_epoch", position.bestEpoch());
        run.record(state.step, state.lastEvaluatedEpoch, metrics);
        state.lastEvaluatedEpoch = position.bestEpoch();
    }
}
