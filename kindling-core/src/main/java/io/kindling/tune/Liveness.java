package io.kindling.tune;

import java.util.Locale;

/** Tells a dead RUNNING trial from a live one, and says why it is dead. */
final class Liveness {

    private Liveness() {}

    /**
     * Why the RUNNING trial {@code t} is dead, or null while it lives: its owner ran on this
     * machine and is gone (known at once), or its last heartbeat is older than {@code staleMillis}
     * (an owner on another machine, or one that hangs).
     */
    static String death(Trial t, long now, long staleMillis) {
        String why = why(t, now, staleMillis);
        return why == null || t.owner() == null ? why : why + " (" + t.owner() + ")";
    }

    /** {@link #death} without naming the owner. */
    private static String why(Trial t, long now, long staleMillis) {
        if (t.owner() != null && t.owner().gone()) {
            return "its process is gone";
        }
        long age = now - t.heartbeatMillis();
        if (age > staleMillis) {
            return String.format(
                    Locale.ROOT,
                    "no heartbeat for %.1f s (dead after %.1f s)",
                    age / 1000.0,
                    staleMillis / 1000.0);
        }
        return null;
    }

    /** What {@code tune --status} says of a running trial's owner. */
    static String describe(Trial t, long now, long staleMillis) {
        String death = why(t, now, staleMillis);
        String owner = t.owner() == null ? "owner unknown" : t.owner().toString();
        return death == null
                ? String.format(
                        Locale.ROOT,
                        "%s, alive (heartbeat %.1f s ago)",
                        owner,
                        (now - t.heartbeatMillis()) / 1000.0)
                : owner + ", dead: " + death;
    }
}
