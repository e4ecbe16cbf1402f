package io.kindling.engine.check;

import java.util.List;

/**
 * One tensor of a golden case as PyTorch computed it in float64, in the compact form the golden
 * files keep: its shape, its values when it has at most 256 elements, and three projections over
 * the flattened tensor, {@code dot1 = Σ v[k]·sin(0.7k + 0.3)}, {@code dot2 = Σ v[k]·cos(1.3k)} and
 * {@code norm = ‖v‖₂}. The projections let a large tensor be checked without storing it: a kernel
 * that gets a noticeable share of the elements wrong moves them by far more than float32 rounding
 * does.
 *
 * <p>Tolerances (why these): float32 kernels on any CPU agree with a float64 reference to about
 * 1e-6 of the tensor's scale on these small cases; a faulty kernel is off by a sizeable fraction of
 * it. Element-wise {@code |Δ| ≤ 1e-4·(1 + max|ref|)}; projections {@code |Δ| ≤ 1e-4·‖ref‖·√n +
 * 1e-6}, the bound the element-wise tolerance gives a projection with weights in [−1, 1].
 *
 * @param shape the tensor's shape
 * @param values the values in row-major order, or empty when the tensor was too large to store
 * @param dot1 {@code Σ v[k]·sin(0.7k + 0.3)}
 * @param dot2 {@code Σ v[k]·cos(1.3k)}
 * @param norm {@code ‖v‖₂}
 */
public record GoldenTensor(
        List<Long> shape, List<Double> values, double dot1, double dot2, double norm) {

    /** The relative tolerance of both comparisons. */
    public static final double RELATIVE = 1e-4;

    public GoldenTensor {
        shape = List.copyOf(shape);
        values = values == null ? List.of() : List.copyOf(values);
        if (!values.isEmpty() && values.size() != size(shape)) {
            throw new IllegalArgumentException(
                    "a golden tensor of shape "
                            + shape
                            + " needs "
                            + size(shape)
                            + " values, got "
                            + values.size());
        }
    }

    /** The number of elements. */
    public long size() {
        return size(shape);
    }

    /** Whether the values are stored (then they are compared element by element). */
    public boolean hasValues() {
        return !values.isEmpty();
    }

    /** The element-wise tolerance, {@code 1e-4·(1 + max|ref|)}. */
    public double valueTolerance() {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return RELATIVE * (1 + max);
    }

    /** The tolerance of each projection, {@code 1e-4·‖ref‖·√n + 1e-6}. */
    public double projectionTolerance() {
        return RELATIVE * norm * Math.sqrt(size()) + 1e-6;
    }

    /**
     * How far a computed tensor is from this one: the comparison with the largest error relative to
     * its tolerance, among the shape, every stored value and the three projections.
     *
     * @param label what the tensor is, e.g. {@code output} or {@code gradient of weight_hh_l0}
     * @param got the computed tensor
     */
    public Deviation compare(String label, Measured got) {
        if (!got.shape().equals(shape)) {
            return new Deviation(
                    label + " has shape " + got.shape() + ", PyTorch's has " + shape,
                    Double.POSITIVE_INFINITY,
                    0);
        }
        Deviation worst = Deviation.NONE;
        if (hasValues()) {
            double tolerance = valueTolerance();
            double max = 0;
            int at = 0;
            for (int i = 0; i < values.size(); i++) {
                double d = error(got.value(i), values.get(i));
                if (d > max) {
                    max = d;
                    at = i;
                }
            }
            worst = new Deviation(label + " element " + at, max, tolerance);
        }
        double tolerance = projectionTolerance();
        worst = worst.worse(new Deviation(label + " dot1", error(got.dot1(), dot1), tolerance));
        worst = worst.worse(new Deviation(label + " dot2", error(got.dot2(), dot2), tolerance));
        return worst.worse(new Deviation(label + " norm", error(got.norm(), norm), tolerance));
    }

    /** {@code |a − b|}, or +∞ when {@code a} is not finite (NaN must never pass). */
    private static double error(double a, double b) {
        double d = Math.abs(a - b);
        return Double.isFinite(d) ? d : Double.POSITIVE_INFINITY;
    }

    private static long size(List<Long> shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
