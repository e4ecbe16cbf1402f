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
 * <p>DJL has no QR, so the factorization runs in doubles with commons-math's Householder {@link
 * QRDecomposition}. Only the thin Q (m × n, m = max(rows, cols), n = min) is formed, by applying
 * the n Householder reflectors to the first n unit vectors: O(m·n²) time and memory for m·n values,
 * where commons-math's full {@code getQ()} would cost m² of each. Since the engine's normal stream
 * equals PyTorch's for the same seed, the result equals PyTorch's up to float32 rounding in
 * PyTorch's own QR.
 */
final class HaarOrthogonal {

    private HaarOrthogonal() {}

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
        float[] g;
        try (NDArray draw = manager.randomNormal(0f, 1f, new Shape(rows, cols), DataType.FLOAT32)) {
            g = draw.toFloatArray();
        }
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
