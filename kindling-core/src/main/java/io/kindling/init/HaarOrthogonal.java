package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Haar-random (semi-)orthogonal matrices, built exactly as {@code torch.nn.init.orthogonal_}: draw
 * G ~ N(0, 1) of shape (rows, cols) with the engine's generator, transpose it when rows &lt; cols,
 * factor G = QR, multiply each column of Q by sign(R_jj) (which makes Q Haar distributed, Mezzadri
 * 2007, arXiv:math-ph/0609050), and transpose back.
 *
 * <p>DJL exposes no QR. Large matrices are factored by {@link BlockedHouseholder}: panels in Java,
 * every O(n³) part as the engine's matrix products, as in PyTorch's own (LAPACK) QR. Small ones
 * (below {@link #BLOCKED_FROM}) run in doubles with commons-math's Householder {@link
 * QRDecomposition}. Only the thin Q (m × n, m = max(rows, cols), n = min) is formed, by applying
 * the n Householder reflectors to the first n unit vectors: O(m·n²) time and memory for m·n values,
 * where commons-math's full {@code getQ()} would cost m² of each. Since the engine's normal stream
 * equals PyTorch's for the same seed, the result equals PyTorch's up to float32 rounding in
 * PyTorch's own QR.
 */
final class HaarOrthogonal {

    private HaarOrthogonal() {}

    /**
     * From this many rows and columns on ({@code min(rows, cols)}), the factorization runs as
     * {@link BlockedHouseholder} on the engine: below it the one-core path is as fast (a 64 × 64 QR
     * takes well under a millisecond) and the panels would be a single block anyway.
     */
    static final int BLOCKED_FROM = 96;

    /**
     * A matrix whose columns (rows ≥ cols) or rows (rows &lt; cols) are orthonormal, times {@code
     * gain}, as an engine tensor.
     *
     * @param manager where the result lives (the Gaussian draw is freed again)
     * @param rows number of rows, ≥ 1
     * @param cols number of columns, ≥ 1
     * @param gain the scale
     * @return the rows × cols float32 matrix, contiguous
     */
    static NDArray sampleArray(NDManager manager, int rows, int cols, double gain) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray g = scope.randomNormal(0f, 1f, new Shape(rows, cols), DataType.FLOAT32);
            NDArray out =
                    Math.min(rows, cols) >= BLOCKED_FROM
                            ? blocked(g, gain, panelWidth(Math.min(rows, cols)), LEAF)
                            : scope.create(
                                    householder(g.toFloatArray(), rows, cols, gain),
                                    new Shape(rows, cols));
            out.attach(manager);
            return out;
        }
    }

    /**
     * The same matrix as {@link #householder} from the same draw, by {@link BlockedHouseholder}
     * with panels of {@code block} columns, factored recursively down to {@code leaf} columns.
     */
    static NDArray blocked(NDArray g, double gain, int block, int leaf) {
        long rows = g.getShape().get(0);
        long cols = g.getShape().get(1);
        NDManager owner = g.getManager();
        try (NDManager scope = owner.newSubManager()) {
            g.tempAttach(scope);
            NDArray q;
            if (rows >= cols) {
                q = BlockedHouseholder.thinQ(g, block, leaf, gain);
            } else {
                // Wide: factor Gᵀ, transpose back; the reshape after flatten makes it contiguous.
                q =
                        BlockedHouseholder.thinQ(g.transpose(), block, leaf, gain)
                                .transpose()
                                .flatten()
                                .reshape(rows, cols);
            }
            q.attach(owner);
            return q;
        }
    }

    /**
     * Panel width: the trailing updates and the accumulation of Q are products with this inner
     * dimension, so wider panels use the engine better, up to where the panels' own recursive
     * factorization (many small products) costs more than it saves.
     */
    static int panelWidth(int n) {
        return n >= 2048 ? 256 : n >= 512 ? 128 : 64;
    }

    /** Panels this narrow are factored in Java, one column at a time. */
    static final int LEAF = 32;

    /**
     * A matrix whose columns (rows ≥ cols) or rows (rows &lt; cols) are orthonormal, times {@code
     * gain}.
     *
     * @param manager where the Gaussian draw happens (it is freed again)
     * @param rows number of rows, ≥ 1
     * @param cols number of columns, ≥ 1
     * @param gain the scale
     * @return the rows × cols matrix, row-major
     */
    static float[] sample(NDManager manager, int rows, int cols, double gain) {
        try (NDArray a = sampleArray(manager, rows, cols, gain)) {
            return a.toFloatArray();
        }
    }

    /**
     * The one-core path: G (rows × cols, row-major) factored in doubles by commons-math's
     * Householder QR, only the thin Q formed.
     */
    static float[] householder(float[] g, int rows, int cols, double gain) {
        boolean wide = rows < cols;
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        double[][] a = new double[m][n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (wide) {
                    a[c][r] = g[r * cols + c];
                } else {
                    a[r][c] = g[r * cols + c];
                }
            }
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a, false));
        double[][] qt = thinQTransposed(qr.getH(), m, n);
        RealMatrix rMatrix = qr.getR();
        for (int j = 0; j < n; j++) {
            double sign = Math.signum(rMatrix.getEntry(j, j));
            for (int i = 0; i < m; i++) {
                qt[j][i] *= sign;
            }
        }
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // Tall: out = Q, whose column c is qt[c]. Wide: out = Qᵀ, whose row r is qt[r].
                out[r * cols + c] = (float) (gain * (wide ? qt[r][c] : qt[c][r]));
            }
        }
        return out;
    }

    /**
     * The columns of the thin Q, as rows: Q·e_j = P_0 P_1 … P_{n-1} e_j, where P_k is the reflector
     * I − 2·v·vᵀ/(vᵀv) of column k of H (a form that holds for any scaling of v). P_k leaves rows
     * above k alone, so e_j with j &lt; k is a fixed point of P_k.
     */
    private static double[][] thinQTransposed(RealMatrix hMatrix, int m, int n) {
        double[][] h = hMatrix.getData();
        double[][] qt = new double[n][m];
        for (int j = 0; j < n; j++) {
            qt[j][j] = 1;
        }
        double[] v = new double[m];
        for (int k = n - 1; k >= 0; k--) {
            double vv = 0;
            for (int i = k; i < m; i++) {
                v[i] = h[i][k];
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            for (int j = k; j < n; j++) {
                double[] col = qt[j];
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i] * col[i];
                }
                double f = 2 * dot / vv;
                for (int i = k; i < m; i++) {
                    col[i] -= f * v[i];
                }
            }
        }
        return qt;
    }
}
