package io.kindling.tune;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a study's trials live. {@link #ask} is atomic across every process sharing the store, so a
 * sampler always sees the trials that started before its own, running ones included.
 */
public interface TrialStore extends AutoCloseable {

    /** The study as stored now. */
    Study load();

    /**
     * Starts the next trial: a trial waiting to be retried if there is one, else one with the
     * parameters {@code choose} gives for the study as it is (empty: no more trials).
     *
     * @param choose study → parameters of the new trial, or empty when the budget is spent
     * @return the started trial (RUNNING), or empty
     */
    Optional<Trial> ask(Function<Study, Optional<Map<String, Double>>> choose);

    /** Records an intermediate value of a running trial. */
    void report(int number, long step, double value);

    /** Records values a pruner keeps about a trial (e.g. its value at a rung). */
    void setAttrs(int number, Map<String, Double> attrs);

    /** Records where the trial's run folder and resolved configuration are. */
    void setRun(int number, String runDir, String config);

    /** Ends a trial. */
    void finish(int number, TrialState state, Double value);

    /** Says that the trial's process is alive. */
    void heartbeat(int number);

    /**
     * Marks as failed every RUNNING trial whose heartbeat is older than {@code graceMillis} (its
     * process died), enqueueing a retry of each when asked.
     *
     * @return the numbers of the trials marked failed
     */
    java.util.List<Integer> failStale(long graceMillis, boolean retry);

    @Override
    void close();
}
