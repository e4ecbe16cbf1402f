package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.config.Args;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Compute;

/**
 * Shared pieces of the adaptive transforms: state buffers laid out block by block ({@code k}
 * buffers per parameter: all first moments, then all second moments, …), the one in-place
 * assignment the engine API lacks (an element-wise maximum into a state buffer), and argument
 * checks: the registry factories report a {@link io.kindling.config.ConfigException} naming the
 * value as written, the records' constructors an {@link IllegalArgumentException} naming it.
 */
final class AdaptiveSupport {

    private AdaptiveSupport() {}

    /** Overwrites every element of the state buffer {@code target} with {@code value}'s. */
    static void assign(NDArray target, NDArray value) {
        Compute.copy(value, target);
    }

    // ---- checks for constructors (IllegalArgumentException) ----

    /** The checks every Adam-family optimizer makes on its common arguments. */
    static void requireAdamArgs(
            double lr, double beta1, double beta2, double eps, double weightDecay) {
        requireNonNegative("lr", lr);
        requireBeta("beta1", beta1);
        requireBeta("beta2", beta2);
        requirePositive("eps", eps);
        requireNonNegative("weight_decay", weightDecay);
    }

    /** {@code name(lr=…, beta1=…, beta2=…, eps=…, weight_decay=…)}, for further arguments. */
    static CallBuilder adamArgs(
            String name, double lr, double beta1, double beta2, double eps, double weightDecay) {
        return CallBuilder.call(name)
                .arg("lr", lr)
                .arg("beta1", beta1)
                .arg("beta2", beta2)
                .arg("eps", eps)
                .arg("weight_decay", weightDecay);
    }

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
