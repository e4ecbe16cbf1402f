package io.kindling.tune;

import java.util.List;
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
     * Starts the next trial: a trial waiting to be retried if there is one, else what {@code
     * choose} says for the study as it is: continue a paused trial, start one with new parameters,
     * or nothing. The trial is owned by this process from then on.
     *
     * @param choose the study → what to run next
     * @return the started trial (RUNNING), or empty
     */
    Optional<Trial> ask(Function<Study, Next> choose);

    /** What a process runs next. */
    sealed interface Next {

        /** Nothing: the study holds enough trials. */
        record Done() implements Next {}

        /** A new trial with these parameters. */
        record Sample(Map<String, Double> params) implements Next {}

        /** The paused trial {@code number}, continued from where it stopped. */
        record Resume(int number) implements Next {}
    }

    /** Records an intermediate value of a running trial. */
    void report(int number, long step, double value);

    /** Records values a pruner keeps about a trial (e.g. its value at a rung). */
    void setAttrs(int number, Map<String, Double> attrs);

    /** Records where the trial's run folder and resolved configuration are. */
    void setRun(int number, String runDir, String config);

    /**
     * Ends a trial.
     *
     * @param failure why it failed (state FAIL), else null
     */
    void finish(int number, TrialState state, Double value, String failure);

    /** Says that the trial's process is alive. */
    void heartbeat(int number);

    /**
     * Marks as failed every RUNNING trial that is dead: its owner ran on this machine and is gone,
     * or its heartbeat is older than {@code staleMillis}. Each gets the reason; a retry of each is
     * enqueued when asked.
     *
     * @return the trials marked failed, with their reasons
     */
    List<Death> failDead(long staleMillis, boolean retry);

    /**
     * A trial found dead.
     *
     * @param number its number
     * @param reason why it is dead
     */
    record Death(int number, String reason) {}

    @Override
    void close();
}
