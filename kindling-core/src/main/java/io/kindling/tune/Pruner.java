package io.kindling.tune;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Decides, after each intermediate value, whether a trial should stop. A pruner is a function of
 * the study and the trial (with its values so far); what it needs to remember about the trial it
 * returns as attributes, which the store keeps.
 */
public interface Pruner {

    /**
     * Judges the trial at its latest intermediate value.
     *
     * @param study the study, the trial among its running trials
     * @param trial the trial, its newest value the one to judge
     * @return whether to stop it, and attributes to record on it
     */
    Decision judge(Study study, Trial trial);

    /** The pruner as an expression. */
    String print();

    /**
     * A trial this pruner stopped (PRUNED) that now deserves to go on, or empty. Only pruners that
     * pause trials rather than end them (successive halving, Hyperband) ever name one; the trial is
     * then continued from its last checkpoint.
     */
    default OptionalInt promotable(Study study) {
        return OptionalInt.empty();
    }

    /**
     * A pruner's verdict.
     *
     * @param prune whether to stop the trial now
     * @param attrs values to record on the trial
     */
    record Decision(boolean prune, Map<String, Double> attrs) {

        public static final Decision GO_ON = new Decision(false, Map.of());
        public static final Decision STOP = new Decision(true, Map.of());
    }

    /** Never prunes. */
    Pruner NONE =
            new Pruner() {
                @Override
                public Decision judge(Study study, Trial trial) {
                    return Decision.GO_ON;
                }

                @Override
                public String print() {
                    return "none";
                }
            };
}
