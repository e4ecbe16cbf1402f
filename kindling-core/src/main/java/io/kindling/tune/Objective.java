package io.kindling.tune;

import java.util.Map;

/** What a study optimizes: evaluates one trial's parameters. */
public interface Objective {

    /**
     * Evaluates a trial.
     *
     * @param trial the trial's number, parameters and a way to report intermediate values
     * @return COMPLETE with the value, or PRUNED with the last reported value
     * @throws Exception when the evaluation fails (the trial is marked FAIL)
     */
    Outcome evaluate(TrialRun trial) throws Exception;

    /**
     * Whether this objective can continue a paused trial from where it stopped ({@link
     * TrialRun#resumed()}), so a pruner may promote paused trials rather than end them.
     */
    default boolean resumable() {
        return false;
    }

    /** A trial as its objective sees it. */
    interface TrialRun {

        /** The trial's number. */
        int number();

        /** Internal values of its active parameters. */
        Map<String, Double> params();

        /**
         * Whether the trial was paused by the pruner and is now continued: its intermediate values
         * so far are in the study, and the evaluation goes on from its last step.
         */
        boolean resumed();

        /** The last intermediate value reported before now (a continued trial's), or null. */
        Double lastValue();

        /** Reports an intermediate value at {@code step}; true when the pruner says to stop. */
        boolean report(long step, double value);

        /** Records where the trial's run folder is and the configuration it ran. */
        void describe(String runDir, String config);
    }

    /**
     * How a trial ended.
     *
     * @param state COMPLETE or PRUNED
     * @param value the value (PRUNED: the last intermediate value)
     */
    record Outcome(TrialState state, double value) {

        public static Outcome complete(double value) {
            return new Outcome(TrialState.COMPLETE, value);
        }

        public static Outcome pruned(double value) {
            return new Outcome(TrialState.PRUNED, value);
        }
    }

    /** A built-in test function as an objective (no intermediate values). */
    static Objective of(TestFunction f) {
        return trial -> {
            trial.describe(null, Tuner.configText(f.space(), trial.params(), f.expression()));
            return Outcome.complete(f.value(trial.params()));
        };
    }
}
