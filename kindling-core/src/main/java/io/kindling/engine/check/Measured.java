package io.kindling.engine.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A tensor Kindling computed, reduced to what a {@link GoldenTensor} keeps: its shape, its values
 * and the three projections, summed in double precision from the float32 result.
 */
final class Measured {

    private final List<Long> shape;
    private final double[] values;
    private final double dot1;
    private final double dot2;
    private final double norm;

    private Measured(List<Long> shape, double[] values, double dot1, double dot2, double norm) {
        this.shape = shape;
        this.values = values;
        this.dot1 = dot1;
        this.dot2 = dot2;
        this.norm = norm;
    }

    /**
     * Reads {@code a} viewed as {@code shape} (a gradient of an input the model reads as rows is
     * compared in the input's own shape; the elements are the same, in the same order). The values
     * come out of the engine in one call and the projections are summed here in double precision:
     * they summarize a result, like the comparison itself, and a dozen engine calls per tensor made
     * the check several times slower.
     *
     * @param a the computed tensor (float32)
     * @param shape the shape to read it as, or null for its own
     */
    static Measured of(NDArray a, Shape shape) {
        Shape s = shape != null && shape.size() == a.size() ? shape : a.getShape();
        List<Long> dims = new ArrayList<>();
        for (long d : s.getShape()) {
            dims.add(d);
        }
        float[] f = a.toType(DataType.FLOAT32, false).toFloatArray();
        double[] v = new double[f.length];
        double dot1 = 0;
        double dot2 = 0;
        double squares = 0;
        for (int k = 0; k < f.length; k++) {
            v[k] = f[k];
            dot1 += v[k] * StrictMath.sin(0.7 * k + 0.3);
            dot2 += v[k] * StrictMath.cos(1.3 * k);
            squares += v[k] * v[k];
        }
        return new Measured(dims, v, dot1, dot2, Math.sqrt(squares));
    }

    List<Long> shape() {
        return shape;
    }

    double value(int i) {
        return values[i];
    }

    double dot1() {
        return dot1;
    }

    double dot2() {
        return dot2;
    }

    double norm() {
        return norm;
    }
}
