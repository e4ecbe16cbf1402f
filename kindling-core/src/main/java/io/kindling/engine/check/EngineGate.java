package io.kindling.engine.check;

import io.kindling.config.ConfigException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Refuses to train on an engine that computes wrong numbers: the shipped golden cases run once per
 * process (about 0.3 s the first time in a process, mostly JIT and oneDNN kernel generation), and a
 * run that starts after a mismatch stops with an {@link EngineMismatchException} before it writes
 * anything.
 *
 * <p>The system property {@value #PROPERTY} decides what a mismatch does: {@code fail} (the
 * default) refuses, {@code warn} prints the message on standard error once and goes on, {@code off}
 * skips the check (for a false alarm, or a machine where its milliseconds matter).
 */
public final class EngineGate {

    /** The system property that sets the {@link Policy}. */
    public static final String PROPERTY = "kindling.engine.check";

    /** What a mismatch does. */
    public enum Policy {
        /** Refuse the run (the default). */
        FAIL,
        /** Print the message once and go on. */
        WARN,
        /** Do not check. */
        OFF;

        /** The property's value for this policy. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The policy the property sets (unset or blank: {@code fail}).
         *
         * @throws ConfigException naming the value and the accepted ones when it is none of them
         */
        public static Policy current() {
            String v = System.getProperty(PROPERTY);
            if (v == null || v.isBlank()) {
                return FAIL;
            }
            for (Policy p : values()) {
                if (p.text().equals(v.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new ConfigException(
                    "Bad system property "
                            + PROPERTY
                            + "="
                            + v
                            + "; accepted: "
                            + Arrays.stream(values()).map(Policy::text).toList()
                            + " (fail, the default, refuses a run on a mismatch)");
        }
    }

    private static GoldenSet golden;
    private static EngineReport report;
    private static boolean warned;

    private EngineGate() {}

    /**
     * Checks the engine once per process and acts on a mismatch as the {@link Policy} says. Call it
     * after the engine has started with the run's threads and before anything of the run is
     * written; not inside a gradient collector.
     *
     * @throws EngineMismatchException on a mismatch under {@code fail}
     * @throws ConfigException if the property holds a value other than fail, warn or off
     */
    public static void requireHealthy() {
        requireHealthy(System.err);
    }

    /** {@link #requireHealthy()}, warning on {@code warnings}. */
    static synchronized void requireHealthy(PrintStream warnings) {
        Policy policy = Policy.current();
        if (policy == Policy.OFF) {
            return;
        }
        EngineReport r = report();
        if (r.healthy()) {
            return;
        }
        if (policy == Policy.FAIL) {
            throw new EngineMismatchException(r);
        }
        if (!warned) {
            warned = true;
            warnings.println(
                    "kindling: warning: "
                            + EngineMismatchException.message(r)
                            + " Going on, as "
                            + PROPERTY
                            + "=warn asks.");
            warnings.flush();
        }
    }

    /** The shipped check's report, run on the first call in this process and kept. */
    public static synchronized EngineReport report() {
        if (report == null) {
            if (golden == null) {
                golden = GoldenSet.shipped();
            }
            report = EngineCheck.run(golden);
        }
        return report;
    }

    /**
     * Replaces the golden set the gate checks and forgets the kept report (for tests, which force a
     * wrong golden value to see a run refused); null restores the shipped set.
     */
    static synchronized void useGoldenSet(GoldenSet set) {
        golden = set;
        report = null;
        warned = false;
    }

    /** The accepted values of {@value #PROPERTY}. */
    public static List<String> accepted() {
        return Arrays.stream(Policy.values()).map(Policy::text).toList();
    }
}
