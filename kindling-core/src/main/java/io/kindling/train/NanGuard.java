package io.kindling.train;

import java.util.Map;
import java.util.Optional;

/**
 * What a non-finite loss does ({@code nan_policy}), as a callback: {@code stop} ends the run (the
 * final training loss is NaN), {@code skip} goes on without the step's update, and {@code rollback}
 * restores the newest checkpoint with the learning rate halved, at most {@link
 * TrainSpec#MAX_ROLLBACKS} times, and stops when it cannot.
 */
final class NanGuard implements Callback {

    /** The stop reason this rule gives. */
    static final String REASON = "non_finite_loss";

    private final NanPolicy policy;
    private final RunControl run;

    NanGuard(NanPolicy policy, RunControl run) {
        this.policy = policy;
        this.run = run;
    }

    @Override
    public void onNonFiniteLoss(TrainState state, Map<String, Object> record) {
        record.put("nan_policy", policy.text());
        switch (policy) {
            case STOP -> stop(state);
            case ROLLBACK -> rollback(state, record);
            case SKIP_STEP -> {}
        }
    }

    private void rollback(TrainState state, Map<String, Object> record) {
        Optional<Map<String, byte[]>> saved = run.newestCheckpoint();
        if (state.rollbacks >= TrainSpec.MAX_ROLLBACKS || saved.isEmpty()) {
            record.put(
                    "rollback",
                    saved.isEmpty()
                            ? "no checkpoint yet"
                            : "limit of " + TrainSpec.MAX_ROLLBACKS + " reached");
            stop(state);
            return;
        }
        int rollbacks = state.rollbacks + 1;
        double scale = state.rollbackScale * 0.5;
        run.restore(saved.get());
        state.rollbacks = rollbacks;
        state.rollbackScale = scale;
        run.applyLrFactor();
        record.put("rolled_back_to_step", state.step);
        record.put("lr_factor", state.lrFactor());
    }

    private static void stop(TrainState state) {
        state.lastWindowMean = Double.NaN;
        state.requestStop(REASON);
    }
}
