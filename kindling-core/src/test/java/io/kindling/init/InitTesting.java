package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.kindling.nn.Activation;
import io.kindling.nn.LayerKind;
import io.kindling.nn.ParamContext;
import io.kindling.nn.ResidualPosition;
import io.kindling.nn.Role;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/** Hand-built parameter contexts and the statistics the init tests share. */
final class InitTesting {

    private InitTesting() {}

    /**
     * A weight's context, fans by PyTorch's rule.
     *
     * @param name the parameter name
     * @param act the activation after the layer
     * @param depth 1-based layer index
     * @param total number of weighted layers
     * @param residual the branch position, or null
     * @param widthMultiplier μP width multiplier
     * @param shape PyTorch layout
     */
    static ParamContext context(
            String name,
            Activation act,
            int depth,
            int total,
            ResidualPosition residual,
            double widthMultiplier,
            long... shape) {
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        long fanIn = shape.length > 1 ? shape[1] * receptive : shape[0];
        return new ParamContext(
                name,
                new Shape(shape),
                shape.length > 2 ? LayerKind.CONV : LayerKind.LINEAR,
                Role.WEIGHT,
                fanIn,
                shape[0] * receptive,
                act,
                depth,
                total,
                residual,
                widthMultiplier,
                io.kindling.nn.Tags.NONE);
    }

    /** A lone hidden weight followed by a ReLU, layer 1 of 2, outside any branch. */
    static ParamContext weight(long... shape) {
        return context("w", Activation.RELU, 1, 2, null, 1.0, shape);
    }

    static double[] toDoubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Kolmogorov–Smirnov p-value of the sample against N(mean, std²). */
    static double ksP(double[] x, double mean, double std) {
        return new KolmogorovSmirnovTest()
                .kolmogorovSmirnovTest(new NormalDistribution(null, mean, std, 1e-9), x);
    }

    /** Root mean square. */
    static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }

    /** Entry (r, c) of the row-major (rows, cols) product MᵀM when tall, MMᵀ when wide. */
    static double[][] gram(double[] m, int rows, int cols) {
        boolean wide = rows < cols;
        int n = Math.min(rows, cols);
        double[][] g = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                if (wide) {
                    for (int k = 0; k < cols; k++) {
                        s += m[a * cols + k] * m[b * cols + k];
                    }
                } else {
                    for (int k = 0; k < rows; k++) {
                        s += m[k * cols + a] * m[k * cols + b];
                    }
                }
                g[a][b] = s;
            }
        }
        return g;
    }

    /** max |G − value·I|. */
    static double maxDeviationFromScaledIdentity(double[][] g, double value) {
        double worst = 0;
        for (int a = 0; a < g.length; a++) {
            for (int b = 0; b < g.length; b++) {
                worst = Math.max(worst, Math.abs(g[a][b] - (a == b ? value : 0)));
            }
        }
        return worst;
    }
}
