package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.engine.Scalars;

/**
 * One exponential moving average of the updates with decay β, as the Adam family keeps them, and
 * its bias correction: optax's {@code update_moment}, {@code update_moment_per_elem_norm}, {@code
 * update_infinity_moment} and {@code bias_correction}, on engine ops, updating the state buffers in
 * place. At update {@code t} (from 1):
 *
 * <pre>
 * update:          m ← β·m + (1 − β)·g          (order 1)
 * updateSquared:   v ← β·v + (1 − β)·g²         (order 2 of the element-wise norm)
 * updateInfinity:  u ← max(β·u, |g| + ε)        (Adamax's infinity norm)
 * correction:      1 − βᵗ
 * biasCorrected:   m / (1 − βᵗ)
 * </pre>
 *
 * <p>Each method does exactly the engine ops, in the order, that the transforms wrote out before it
 * existed ({@code β·m} and {@code (1 − β)·g} each rounded, then added; {@code g²} rounded before
 * {@code (1 − β)·}), so trajectories are bit-identical to theirs and to torch.optim's. Transforms
 * whose bias correction comes at another place in their formula ({@code m/d/(1 − βᵗ)} in Adam and
 * Adamax) divide by {@link #correction()} themselves, at that place.
 *
 * <p>The scalars β, 1 − β and 1 − βᵗ are 0-d tensors in the manager and precision of the update
 * they were made for, shared by all parameters of one update; close this to free them.
 */
final class Moments implements AutoCloseable {

    private final NDArray like;
    private final double decay;
    private final long count;
    private final NDArray beta;
    private final NDArray keep;
    private NDArray correction;

    /**
     * The moment with decay {@code decay}, for the update made after {@code count - 1} others.
     *
     * @param like an update of this step (its manager owns the scalars)
     * @param decay β in [0, 1]
     * @param count t, from 1, for the bias correction
     */
    Moments(NDArray like, double decay, long count) {
        this.like = like;
        this.decay = decay;
        this.count = count;
        this.beta = Scalars.like(like, decay);
        this.keep = Scalars.like(like, 1 - decay);
    }

    /** {@code 1 − βᵗ} in double precision (optax's {@code bias_correction} denominator). */
    static double correction(double decay, long count) {
        return 1 - Math.pow(decay, count);
    }

    /** {@code m ← β·m + (1 − β)·g} in place: optax's {@code update_moment} of order 1. */
    void update(NDArray moment, NDArray g) {
        try (NDArray scaled = g.mul(keep)) {
            moment.muli(beta).addi(scaled);
        }
    }

    /**
     * {@code v ← β·v + (1 − β)·g²} in place: optax's {@code update_moment_per_elem_norm} of order 2
     * (real tensors).
     */
    void updateSquared(NDArray moment, NDArray g) {
        try (NDArray squared = g.square()) {
            moment.muli(beta).addi(squared.muli(keep));
        }
    }

    /**
     * {@code u ← max(β·u, |g| + ε)} in place: optax's {@code update_infinity_moment}.
     *
     * @param epsilon ε as a scalar of the update's precision
     */
    void updateInfinity(NDArray norm, NDArray g, NDArray epsilon) {
        norm.muli(beta);
        try (NDArray magnitude = g.abs();
                NDArray max = norm.maximum(magnitude.addi(epsilon))) {
            AdaptiveSupport.assign(norm, max);
        }
    }

    /** {@code 1 − βᵗ} as a scalar (made on first use, freed by {@link #close}). */
    NDArray correction() {
        if (correction == null) {
            correction = Scalars.like(like, correction(decay, count));
        }
        return correction;
    }

    /** {@code m / (1 − βᵗ)}, a new array: optax's {@code bias_correction}. */
    NDArray biasCorrected(NDArray moment) {
        return moment.div(correction());
    }

    @Override
    public void close() {
        beta.close();
        keep.close();
        if (correction != null) {
            correction.close();
        }
    }
}
