package io.kindling.engine.check;

/**
 * One line of an engine check: a golden case in one mode, and its worst comparison.
 *
 * @param check the case's name, e.g. {@code lstm(hidden=17, layers=1) on 2×3×4}
 * @param op the operation ({@code lstm}, {@code conv2d}, …)
 * @param mode inference, training or backward
 * @param worst the comparison with the largest error relative to its tolerance
 */
public record CheckRow(String check, String op, Mode mode, Deviation worst) {

    /** Whether the engine agrees with PyTorch's float64 reference here. */
    public boolean ok() {
        return worst.ok();
    }

    /** The largest error (of the worst comparison). */
    public double error() {
        return worst.error();
    }

    /** The tolerance of the worst comparison. */
    public double tolerance() {
        return worst.tolerance();
    }
}
