package io.kindling.tune;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places where a test can make the process die as {@code kill -9} would (no shutdown hooks,
 * nothing flushed), to prove that a crash there loses nothing. The system property {@code
 * kindling.crash.at} names the place, with an optional count: {@code trial-evaluated:3} dies the
 * third time the place is reached. Unset (always, outside the crash tests), {@link #reach} does
 * nothing.
 *
 * <ul>
 *   <li>{@code trial-evaluated}: a trial's evaluation ended, its result not yet in the database;
 *   <li>{@code outputs}: {@code trials.csv} and {@code best.json} are written, {@code report.html}
 *       not yet.
 * </ul>
 */
public final class CrashPoint {

    /** The system property that names the place. */
    public static final String PROPERTY = "kindling.crash.at";

    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoint() {}

    /** Dies here, with exit status 137 as after SIGKILL, when the property names this place. */
    public static void reach(String place) {
        String at = System.getProperty(PROPERTY);
        if (at == null) {
            return;
        }
        String[] parts = at.split(":", 2);
        int times = parts.length == 2 ? Integer.parseInt(parts[1]) : 1;
        if (parts[0].equals(place) && REACHED.incrementAndGet() == times) {
            Runtime.getRuntime().halt(137);
        }
    }
}
