package io.kindling.init;

import io.kindling.config.ArgumentException;
import io.kindling.config.Num;
import io.kindling.config.Position;

/**
 * The argument rules of the initializer records, in one message style: {@code <initializer> <key>
 * must be <what is accepted>, got <value>}. Each rule is checked once, in its record's compact
 * constructor; a registration only parses an expression's words and numbers (with the defaults), so
 * a bad value reads the same from an expression and from Java, and the registry adds the expression
 * and its position ({@code Invalid initializer normal(std=-1) at 1:1: normal std must be >= 0, got
 * -1}).
 */
final class Check {

    private Check() {}

    /**
     * Fails unless {@code ok}.
     *
     * @param ok whether the value is accepted
     * @param initializer the initializer's name, e.g. {@code normal}
     * @param key the argument, e.g. {@code std}
     * @param accepted what is accepted, e.g. {@code >= 0}
     * @param value the value given
     * @throws ArgumentException naming all four
     */
    static void argument(
            boolean ok, String initializer, String key, String accepted, double value) {
        if (!ok) {
            throw new ArgumentException(initializer, key, "must be " + accepted, text(value));
        }
    }

    /** Fails unless {@code ok}, for an argument that is a word, e.g. {@code mode=fan_avg}. */
    static void argument(
            boolean ok, String initializer, String key, String accepted, String value) {
        if (!ok) {
            throw new ArgumentException(initializer, key, "must be " + accepted, value);
        }
    }

    /**
     * Fails unless {@code a < b}, the bounds of an interval, naming b: {@code uniform b must be
     * greater than a=1 (needs a < b), got 0.5}.
     */
    static void order(String initializer, double a, double b) {
        if (!(a < b)) {
            throw new ArgumentException(
                    initializer,
                    "b",
                    "must be greater than a=" + text(a) + " (needs a < b)",
                    text(b));
        }
    }

    /** A number as an expression writes it ({@code -1}, {@code 0.5}, {@code 1e-08}). */
    static String text(double v) {
        return Double.isFinite(v) ? new Num(v, Position.NONE).text() : Double.toString(v);
    }
}
