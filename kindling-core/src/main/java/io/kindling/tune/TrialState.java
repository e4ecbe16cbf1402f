package io.kindling.tune;

/** Where a trial stands; the study database stores the name. */
public enum TrialState {
    /** Enqueued (a retry of a failed trial) and not yet started. */
    WAITING,
    /** Being evaluated by a live process (its heartbeat says so). */
    RUNNING,
    /** Evaluated to the end; has a value. */
    COMPLETE,
    /** Stopped early by the pruner; its value is the last intermediate value. */
    PRUNED,
    /** The objective failed, returned a non-finite value, or its process died. */
    FAIL;

    /** Whether the trial is over. */
    public boolean finished() {
        return this == COMPLETE || this == PRUNED || this == FAIL;
    }
}
