package io.kindling.train;

import java.util.Map;

/**
 * {@link ReduceOnPlateau} as a callback: judges every evaluation, puts the lr it gives into the
 * optimizer (as {@code state.lrFactor()}'s plateau part) and adds {@code plateau_lr} to the
 * evaluation's record.
 */
final class PlateauRule implements Callback {

    private final ReduceOnPlateau rule;
    private final ReduceOnPlateau.State position;
    private final double baseLr;
    private final RunControl run;

    PlateauRule(ReduceOnPlateau rule, double baseLr, RunControl run) {
        this.rule = rule;
        this.position = rule.start(baseLr);
        this.baseLr = baseLr;
        this.run = run;
    }

    /** The rule's position, saved in and restored from checkpoints. */
    ReduceOnPlateau.State position() {
        return position;
    }

    @Override
    public void judgeEvaluation(TrainState state, Map<String, Object> metrics) {
        double lr = rule.step(position, ((Number) metrics.get(rule.monitor())).doubleValue());
        state.plateauScale = lr / baseLr;
        run.applyLrFactor();
        metrics.put("plateau_lr", lr);
    }
}
