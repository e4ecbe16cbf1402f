package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.kindling.config.Args;
import java.util.List;

/**
 * Shared pieces of the adaptive transforms: state buffers laid out block by block
 * ({@code k} buffers per parameter: all first moments, then all second moments, …), the one
 * in-place assignment the engine API lacks (an element-wise maximum into a state buffer), and
 * argument checks: the registry factories report a
 * {@link io.kindling.config.ConfigException} naming the value as written, the records'
 * constructors an {@link IllegalArgumentException} naming it.
 */
final class AdaptiveSupport {

    private static final NDIndex ALL = new NDIndex("...");

    private AdaptiveSupport() {}

    /**
     * {@code blocks} zero buffers per parameter, in {@code manager}, each with its parameter's
     * shape and type; buffer {@code b} of parameter {@code i} is at {@code b·n + i}.
     */
    static List<NDArray> zeros(List<NDArray> params, NDManager manager, int blocks) {
        return TransformState.zeros(params, manager, blocks).buffers();
    }

    /** Overwrites every element of the state buffer {@code target} with {@code value}'s. */
    static void assign(NDArray target, NDArray value) {
        target.set(ALL, value);
    }

    // ---- checks for constructors (IllegalArgumentException) ----

    /** β in [0, 1). */
    static void requireBeta(String key, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(key + " must be in the range [0, 1), got " + v);
        }
    }

    /** A number in [0, 1]. */
    static void requireUnit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in the range [0, 1], got " + v);
        }
    }

    /** A number > 0. */
    static void requirePositive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be > 0, got " + v);
        }
    }

    /** A number >= 0. */
    static void requireNonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + v);
        }
    }

    // ---- checks for registry factories (ConfigException naming the value) ----

    /** β in [0, 1), or {@code dflt} when absent. */
    static double beta(Args a, String key, double dflt) {
        double v = a.number(key, dflt);
        if (a.has(key) && !(v >= 0 && v < 1)) {
            throw a.error(key, "must be in the range [0, 1)");
        }
        return v;
    }
}
