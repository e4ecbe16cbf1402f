package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sign-corrected thin Q of a tall matrix by blocked Householder QR (LAPACK's {@code geqrf} then
 * {@code orgqr}, in the compact WY form of Schreiber &amp; Van Loan 1989): each panel of {@code b}
 * columns becomes reflectors {@code H_j = I − τ_j·v_j·v_jᵀ} whose product is {@code I − V·T·Vᵀ} (T
 * upper triangular, LAPACK's {@code larft}), factored recursively down to {@code leaf} columns,
 * which Java factors in float64; everything else — the recursion's updates and merges, the trailing
 * updates {@code A ← A − V·(Tᵀ·(Vᵀ·A))} and the accumulation of Q — is the engine's multi-threaded
 * float32 matrix products, as in PyTorch's own QR. Java does O(m·n·leaf) work, the engine O(m·n²).
 *
 * <p>The result is exactly what {@link HaarOrthogonal}'s one-core path computes from the same
 * matrix (Q with its columns multiplied by sign(R_jj), the unique QR with a positive diagonal), up
 * to float32 rounding.
 */
final class BlockedHouseholder {

    private BlockedHouseholder() {}

    /** One factored panel: rows k.. of the matrix, its reflectors V and the WY factor T. */
    private record Panel(NDArray v, NDArray t, int width) {}

    /**
     * Q·diag(scale·sign(R_jj)) for the QR factorization of {@code a}.
     *
     * @param a an m × n float32 matrix, m ≥ n ≥ 1
     * @param block panel width b ≥ 1
     * @param leaf width from which a panel is factored in Java rather than split (≥ 1)
     * @param scale the factor on every column (the gain)
     * @return the m × n result, in {@code a}'s manager
     */
    static NDArray thinQ(NDArray a, int block, int leaf, double scale) {
        long[] dims = a.getShape().getShape();
        int m = Math.toIntExact(dims[0]);
        int n = Math.toIntExact(dims[1]);
        if (m < n || n < 1 || block < 1 || leaf < 1) {
            throw new IllegalArgumentException(
                    "thinQ needs m >= n >= 1 and block, leaf >= 1, got "
                            + m
                            + "x"
                            + n
                            + ", "
                            + block
                            + ", "
                            + leaf);
        }
        NDManager owner = a.getManager();
        // Each panel's temporaries live in a sub-manager closed after the panel, and each trailing
        // matrix in its own, closed once the next exists: memory stays a few times the matrix.
        try (NDManager scope = owner.newSubManager()) {
            a.tempAttach(scope);
            float[] signs = new float[n];
            Deque<Panel> panels = new ArrayDeque<>();
            NDArray trailing = a;
            NDManager held = null;
            for (int k = 0; k < n; k += block) {
                int b = Math.min(block, n - k);
                NDManager nextHeld = null;
                NDArray next = null;
                try (NDManager step = scope.newSubManager()) {
                    trailing.tempAttach(step);
                    Panel f = factor(trailing.get(":, 0:" + b), leaf, scope, signs, k, scale);
                    panels.push(f);
                    if (k + b < n) {
                        NDArray rest = trailing.get(":, " + b + ":");
                        NDArray w = f.v().transpose().matMul(rest);
                        NDArray updated = rest.sub(f.v().matMul(f.t().transpose().matMul(w)));
                        nextHeld = scope.newSubManager();
                        updated.attach(nextHeld);
                        next = updated.get(b + ":, :");
                    }
                }
                if (held != null) {
                    held.close();
                }
                held = nextHeld;
                trailing = next;
            }
            NDArray q = accumulate(panels, scope);
            NDArray out = q.mul(scope.create(signs, new Shape(1, n)));
            out.attach(owner);
            return out;
        }
    }

    /**
     * The WY form of a panel's QR (Elmroth &amp; Gustavson 2000, "Applying recursion to serial and
     * parallel QR factorization"): a panel up to {@code leaf} columns wide is factored in Java; a
     * wider one as its left half, the left half's reflectors applied to the right half by the
     * engine, then the right half below the left's rows, and the two WY forms merged: V = [V₁, [0;
     * V₂]], T = [[T₁, −T₁·(V₁ᵀ·[0; V₂])·T₂], [0, T₂]].
     *
     * @param panel rows × w, rows ≥ w
     * @param scope where V and T are kept (temporaries are freed)
     * @param signs receives scale·sign(R_jj) at {@code first + j}
     */
    private static Panel factor(
            NDArray panel, int leaf, NDManager scope, float[] signs, int first, double scale) {
        long[] dims = panel.getShape().getShape();
        int rows = Math.toIntExact(dims[0]);
        int w = Math.toIntExact(dims[1]);
        if (w <= leaf) {
            double[] a = toDoubles(panel.toFloatArray());
            double[] tau = new double[w];
            for (int j = 0; j < w; j++) {
                signs[first + j] = (float) (scale * Math.signum(reflect(a, rows, w, j, tau)));
            }
            return new Panel(
                    scope.create(reflectors(a, rows, w), new Shape(rows, w)),
                    scope.create(wyFactor(a, rows, w, tau), new Shape(w, w)),
                    w);
        }
        int h = w / 2;
        try (NDManager local = scope.newSubManager()) {
            panel.tempAttach(local);
            Panel left = factor(panel.get(":, 0:" + h), leaf, local, signs, first, scale);
            NDArray right = panel.get(":, " + h + ":");
            NDArray applied =
                    left.v()
                            .matMul(
                                    left.t()
                                            .transpose()
                                            .matMul(left.v().transpose().matMul(right)));
            right = right.sub(applied);
            Panel lower = factor(right.get(h + ":, :"), leaf, local, signs, first + h, scale);
            NDArray crossed =
                    left.t()
                            .matMul(left.v().get(h + ":, :").transpose().matMul(lower.v()))
                            .matMul(lower.t())
                            .neg();
            NDArray v = left.v().concat(local.zeros(new Shape(h, w - h)).concat(lower.v(), 0), 1);
            NDArray t =
                    left.t()
                            .concat(crossed, 1)
                            .concat(local.zeros(new Shape(w - h, h)).concat(lower.t(), 1), 0);
            v.attach(scope);
            t.attach(scope);
            return new Panel(v, t, w);
        }
    }

    /**
     * Q = H_1 … H_n·[I; 0], accumulated backwards one panel at a time: with Q' the part already
     * formed (rows and columns k+b..), the next part is (I − V·T·Vᵀ)·diag(I_b, Q'), written out by
     * blocks so that no product touches the known zeros.
     */
    private static NDArray accumulate(Deque<Panel> panels, NDManager scope) {
        NDArray q = null;
        NDManager held = null;
        for (Panel p : panels) {
            int b = p.width();
            NDManager nextHeld = scope.newSubManager();
            try (NDManager step = scope.newSubManager()) {
                step.tempAttachAll(p.v(), p.t());
                if (q != null) {
                    q.tempAttach(step);
                }
                NDArray vTop = p.v().get("0:" + b + ", :");
                NDArray vBottom = p.v().get(b + ":, :");
                NDArray tLeft = p.t().matMul(vTop.transpose());
                NDArray top = step.eye(b).sub(vTop.matMul(tLeft));
                NDArray bottom = vBottom.matMul(tLeft).neg();
                if (q != null) {
                    NDArray tRight = p.t().matMul(vBottom.transpose().matMul(q));
                    top = top.concat(vTop.matMul(tRight).neg(), 1);
                    bottom = bottom.concat(q.sub(vBottom.matMul(tRight)), 1);
                }
                NDArray next = NDArrays.concat(new NDList(top, bottom), 0);
                next.attach(nextHeld);
                q = next;
            }
            p.v().close();
            p.t().close();
            if (held != null) {
                held.close();
            }
            held = nextHeld;
        }
        return q;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * Householder step j on a row-major rows × cols panel (LAPACK's {@code larfg} then {@code
     * larf}): makes column j zero below the diagonal, stores v_j (v_j(j) = 1 implied) below the
     * diagonal and applies H_j to the columns right of j. The loops run along rows, so that the JIT
     * vectorizes them (a dot product down a column would be a scalar reduction).
     *
     * @return R_jj (β)
     */
    private static double reflect(double[] a, int rows, int cols, int j, double[] tau) {
        double alpha = a[j * cols + j];
        double tail = 0;
        for (int i = j + 1; i < rows; i++) {
            double x = a[i * cols + j];
            tail += x * x;
        }
        if (tail == 0) {
            tau[j] = 0;
            return alpha;
        }
        double beta = -Math.copySign(Math.sqrt(alpha * alpha + tail), alpha);
        tau[j] = (beta - alpha) / beta;
        double f = 1 / (alpha - beta);
        for (int i = j + 1; i < rows; i++) {
            a[i * cols + j] *= f;
        }
        a[j * cols + j] = beta;
        if (j + 1 == cols) {
            return beta;
        }
        // w = H_j's vᵀ·A(:, j+1..), row by row; then A(:, j+1..) −= τ·v·w.
        double[] w = new double[cols];
        System.arraycopy(a, j * cols + j + 1, w, j + 1, cols - j - 1);
        for (int i = j + 1; i < rows; i++) {
            int row = i * cols;
            double vi = a[row + j];
            for (int c = j + 1; c < cols; c++) {
                w[c] += vi * a[row + c];
            }
        }
        for (int c = j + 1; c < cols; c++) {
            w[c] *= tau[j];
        }
        for (int c = j + 1; c < cols; c++) {
            a[j * cols + c] -= w[c];
        }
        for (int i = j + 1; i < rows; i++) {
            int row = i * cols;
            double vi = a[row + j];
            for (int c = j + 1; c < cols; c++) {
                a[row + c] -= vi * w[c];
            }
        }
        return beta;
    }

    /** V as a row-major float32 rows × cols matrix: unit diagonal, v_j below it, zeros above. */
    private static float[] reflectors(double[] a, int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < Math.min(r, cols); c++) {
                v[r * cols + c] = (float) a[r * cols + c];
            }
            if (r < cols) {
                v[r * cols + r] = 1;
            }
        }
        return v;
    }

    /**
     * T of H_1 … H_b = I − V·T·Vᵀ, row-major (LAPACK's forward column-wise {@code larft}): T_jj =
     * τ_j and T(0:j, j) = −τ_j·T(0:j, 0:j)·V(:, 0:j)ᵀ·v_j. All of Vᵀ·V is accumulated row by row
     * first (a vectorizable loop), only its strictly upper part used.
     */
    private static float[] wyFactor(double[] a, int rows, int cols, double[] tau) {
        // g[i][j] = V(:, i)ᵀ·V(:, j) for i < j; V(r, c) = a[r·cols + c] below the diagonal, 1 on
        // it.
        double[] g = new double[cols * cols];
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            int last = Math.min(r, cols); // V(r, c) for c < last is stored; V(r, r) = 1
            for (int i = 0; i < last; i++) {
                double vi = a[row + i];
                int gi = i * cols;
                for (int j = i + 1; j < last; j++) {
                    g[gi + j] += vi * a[row + j];
                }
                if (r < cols) {
                    g[gi + r] += vi;
                }
            }
        }
        double[][] t = new double[cols][cols];
        double[] y = new double[cols];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < j; i++) {
                y[i] = -tau[j] * g[i * cols + j];
            }
            for (int i = 0; i < j; i++) {
                double s = 0;
                for (int l = i; l < j; l++) {
                    s += t[i][l] * y[l];
                }
                t[i][j] = s;
            }
            t[j][j] = tau[j];
        }
        float[] out = new float[cols * cols];
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = (float) t[i][j];
            }
        }
        return out;
    }
}
