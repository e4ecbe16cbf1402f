package io.kindling.tune;

import io.kindling.runfolder.Owner;
import java.util.Locale;

/**
 * A RUNNING trial's signs of life, and what they say: it is dead when its owner ran on this machine
 * and is gone (known at once), or when its last heartbeat is {@value #MISSED_BEATS} of its owner's
 * intervals old (an owner on another machine, or one that hangs).
 *
 * @param owner the process running it, or null when not recorded (schema version 1)
 * @param lastBeatMillis its last heartbeat (epoch milliseconds)
 * @param everyMillis how often its owner beats, or null when not recorded (schema version 1)
 */
record Liveness(Owner owner, long lastBeatMillis, Long everyMillis) {

    /** Heartbeats a trial may miss before it is dead. */
    static final int MISSED_BEATS = 3;

    /** The age at which a heartbeat sent every {@code everyMillis} is stale. */
    static long staleAfter(long everyMillis) {
        return MISSED_BEATS * everyMillis;
    }

    /** The trial's signs of life as the store read them. */
    static Liveness of(Trial t, Long everyMillis) {
        return new Liveness(t.owner(), t.heartbeatMillis(), everyMillis);
    }

    /**
     * Why the trial is dead, naming its owner, or null while it lives.
     *
     * @param fallbackStaleMillis the stale age when its owner recorded no interval
     */
    String death(long now, long fallbackStaleMillis) {
        String why = why(now, fallbackStaleMillis);
        return why == null || owner == null ? why : why + " (" + owner + ")";
    }

    /** What {@code tune --status} says of the trial's owner. */
    String describe(long now, long fallbackStaleMillis) {
        String death = why(now, fallbackStaleMillis);
        String who = owner == null ? "owner unknown" : owner.toString();
        return death == null
                ? String.format(
                        Locale.ROOT,
                        "%s, alive (heartbeat %.1f s ago)",
                        who,
                        (now - lastBeatMillis) / 1000.0)
                : who + ", dead: " + death;
    }

    /** {@link #death} without naming the owner. */
    private String why(long now, long fallbackStaleMillis) {
        if (owner != null && owner.gone()) {
            return "its process is gone";
        }
        long stale = everyMillis == null ? fallbackStaleMillis : staleAfter(everyMillis);
        long age = now - lastBeatMillis;
        if (age > stale) {
            return String.format(
                    Locale.ROOT,
                    "no heartbeat for %.1f s (dead after %.1f s)",
                    age / 1000.0,
                    stale / 1000.0);
        }
        return null;
    }
}
