package io.kindling.schedule;

import io.kindling.config.Args;
import io.kindling.config.ConfigException;
import io.kindling.config.Num;
import io.kindling.config.Position;
import java.util.ArrayList;
import java.util.List;

/** Argument checks shared by the schedules: Args-level (named, positioned) and invariants. */
final class Checks {

    private Checks() {}

    /** {@code step} itself, or an exception if it is negative. */
    static long step(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("Schedule step must be >= 0, got " + step);
        }
        return step;
    }

    /** A required whole number {@code > 0}. */
    static int positiveInt(Args a, String key) {
        int v = a.integer(key);
        if (v <= 0) {
            throw a.error(key, "must be an integer > 0");
        }
        return v;
    }

    /** A required number {@code > 0}. */
    static double positive(Args a, String key) {
        double v = a.number(key);
        if (!(v > 0)) {
            throw a.error(key, "must be > 0");
        }
        return v;
    }

    /** The error for a required argument that is absent, in {@link Args}'s words. */
    static ConfigException missing(Args a, String key, String example) {
        return new ConfigException(
                "Missing argument '"
                        + key
                        + "' for "
                        + a.kind()
                        + " "
                        + a.name()
                        + (a.position().isKnown() ? " at " + a.position() : "")
                        + ", e.g. "
                        + example,
                a.position());
    }

    /** A required list of numbers (possibly empty). */
    static List<Double> numbers(Args a, String key) {
        List<Double> v = a.numbers(key, null);
        if (v == null) {
            throw missing(a, key, key + "=[10, 20]");
        }
        return v;
    }

    /**
     * Whole numbers {@code >= min} in strictly increasing order, e.g. the milestones of {@code
     * multistep} and {@code sequential}.
     */
    static List<Integer> increasingInts(Args a, String key, List<Double> values, int min) {
        List<Integer> out = new ArrayList<>();
        for (double v : values) {
            if (v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
                throw a.error(key, "must hold integers >= " + min + ", but has " + fmt(v));
            }
            int i = (int) v;
            if (!out.isEmpty() && i <= out.get(out.size() - 1)) {
                throw a.error(
                        key,
                        "must be strictly increasing, but "
                                + i
                                + " follows "
                                + out.get(out.size() - 1));
            }
            out.add(i);
        }
        return List.copyOf(out);
    }

    /** The invariant behind {@link #increasingInts}, for records built in code. */
    static List<Integer> increasing(String what, List<Integer> values, int min) {
        List<Integer> copy = List.copyOf(values);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) < min || (i > 0 && copy.get(i) <= copy.get(i - 1))) {
                throw new IllegalArgumentException(
                        what
                                + " must be strictly increasing"
                                + " integers >= "
                                + min
                                + ", got "
                                + copy);
            }
        }
        return copy;
    }

    /** A number in canonical expression form: {@code 3}, {@code 0.05}, {@code 1e-4}. */
    static String fmt(double v) {
        return Double.isFinite(v) ? new Num(v, Position.NONE).text() : String.valueOf(v);
    }

    /** Throws unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
