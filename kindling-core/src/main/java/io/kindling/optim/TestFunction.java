package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import io.kindling.engine.Scalars;
import java.util.List;
import java.util.Locale;

/**
 * Classic optimizer test functions, written as engine expressions so autograd gives their
 * gradients:
 *
 * <pre>
 * rosenbrock  f(x) = (1 − x0)² + 100·(x1 − x0²)²          minimum 0 at (1, 1)      (2-D)
 * quadratic   f(x) = ½ Σ (i+1)·x_i²                         minimum 0 at 0          (any n)
 * beale       f(x) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
 *                                                            minimum 0 at (3, 0.5)  (2-D)
 * </pre>
 *
 * <p>Rosenbrock 1960; Beale 1958.
 */
// defaultStart is private and handed out as a copy.
@SuppressWarnings("ImmutableEnumChecker")
public enum TestFunction {
    ROSENBROCK(2, new double[] {-1.5, 2.0}),
    QUADRATIC(0, new double[] {1.0, 1.0}),
    BEALE(2, new double[] {1.0, 1.5});

    private final int dimensions;
    private final double[] defaultStart;

    TestFunction(int dimensions, double[] defaultStart) {
        this.dimensions = dimensions;
        this.defaultStart = defaultStart;
    }

    /** The names accepted by {@link #of}. */
    public static final List<String> NAMES = List.of("rosenbrock", "quadratic", "beale");

    /** The lower-case name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name; unknown names are an {@link IllegalArgumentException} listing the known. */
    public static TestFunction of(String name) {
        for (TestFunction f : values()) {
            if (f.label().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "Unknown problem '" + name + "'; accepted: " + String.join(", ", NAMES));
    }

    /** Required number of coordinates, or 0 for any. */
    public int dimensions() {
        return dimensions;
    }

    /** A conventional starting point. */
    public double[] defaultStart() {
        return defaultStart.clone();
    }

    /**
     * The function's value at {@code x} (a vector), as a scalar engine expression.
     *
     * <p>Constants are {@link Scalars} that outlive the backward pass, never {@code mul(Number)}
     * (see {@link Scalars} for why).
     */
    public NDArray value(NDArray x) {
        return switch (this) {
            case ROSENBROCK -> {
                NDArray x0 = x.get(0);
                NDArray x1 = x.get(1);
                yield c(x, 1).sub(x0).square().add(x1.sub(x0.square()).square().mul(c(x, 100)));
            }
            case QUADRATIC -> {
                NDArray weights =
                        x.getManager().arange(1f, (float) (x.size() + 1), 1f, x.getDataType());
                yield x.square().mul(weights).sum().mul(c(x, 0.5));
            }
            case BEALE -> {
                NDArray a = x.get(0);
                NDArray b = x.get(1);
                NDArray t1 = c(x, 1.5).sub(a).add(a.mul(b));
                NDArray t2 = c(x, 2.25).sub(a).add(a.mul(b.square()));
                NDArray t3 = c(x, 2.625).sub(a).add(a.mul(b.square().mul(b)));
                yield t1.square().add(t2.square()).add(t3.square());
            }
        };
    }

    /** A constant in {@code x}'s manager and precision, alive until that manager closes. */
    private static NDArray c(NDArray x, double v) {
        return Scalars.like(x, v);
    }

    /** The value at a point given in Java doubles (for contour plots). */
    public double value(double x, double y) {
        return switch (this) {
            case ROSENBROCK -> (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
            case QUADRATIC -> 0.5 * (x * x + 2 * y * y);
            case BEALE ->
                    Math.pow(1.5 - x + x * y, 2)
                            + Math.pow(2.25 - x + x * y * y, 2)
                            + Math.pow(2.625 - x + x * y * y * y, 2);
        };
    }
}
