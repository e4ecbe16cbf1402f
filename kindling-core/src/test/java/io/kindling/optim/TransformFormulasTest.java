package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kindling.engine.Compute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LARS, LAMB, Lion, AGC and the decays against their papers' formulas, written out below in plain
 * Java double arithmetic, step by step, compared to 1e-9 relative. The engine runs in float64 on
 * three tensors: a 3×4 matrix, a 3-vector and a 2-vector that starts at zero (so the "ratio 1 where
 * a norm is 0" branches are taken on the first step). The gradient is {@code g = c·p + sin(p) + d},
 * computed in Java from each side's own parameters.
 */
class TransformFormulasTest {

    static final long[][] SHAPES = {{3, 4}, {3}, {2}};
    static final double[][] STARTS = {
        {0.5, -1.2, 0.8, 0.05, -0.3, 1.7, -0.9, 0.4, 2.1, -0.6, 0.25, -1.4},
        {0.3, -0.7, 1.1},
        {0.0, 0.0},
    };
    static final int STEPS = 8;

    @BeforeAll
    static void engine() {
        Compute.start(new Compute.Threads(1, 1));
    }

    /** The gradient rule, per element: {@code c·p + sin(p) + d}. */
    static double[][] gradient(double[][] p) {
        double[][] g = new double[p.length][];
        for (int k = 0; k < p.length; k++) {
            g[k] = new double[p[k].length];
            for (int j = 0; j < p[k].length; j++) {
                double c = 0.5 + 0.37 * ((3 * j + k) % 7);
                double d = 0.1 * (k + 1) * (j % 2 == 0 ? 1 : -0.5);
                g[k][j] = c * p[k][j] + Math.sin(p[k][j]) + d;
            }
        }
        return g;
    }

    /** One step of the reference: replaces {@code p} in place. */
    interface Reference {
        void step(double[][] p, double[][] g, int t);
    }

    // ---------------------------------------------------------------- LARS, Algorithm 1

    @Test
    void larsFollowsAlgorithm1() {
        for (double[] hp :
                new double[][] {{0.5, 0.9, 0.01, 0.02}, {2, 0, 0, 0.001}, {1, 0.8, 0.1, 0.05}}) {
            double lr = hp[0];
            double mom = hp[1];
            double beta = hp[2];
            double eta = hp[3];
            double[][] v = zerosLike(STARTS);
            Reference ref =
                    (w, g, t) -> {
                        for (int k = 0; k < w.length; k++) {
                            double wN = norm(w[k]);
                            double gN = norm(g[k]);
                            double denom = gN + beta * wN;
                            double local = wN > 0 && denom > 0 ? eta * wN / denom : 1;
                            for (int j = 0; j < w[k].length; j++) {
                                v[k][j] = mom * v[k][j] + lr * local * (g[k][j] + beta * w[k][j]);
                                w[k][j] -= v[k][j];
                            }
                        }
                    };
            String expr =
                    "lars(lr="
                            + lr
                            + ", momentum="
                            + mom
                            + ", weight_decay="
                            + beta
                            + ", eta="
                            + eta
                            + ")";
            compare(expr, ref);
        }
    }

    // ---------------------------------------------------------------- LAMB, Algorithm 2

    @Test
    void lambFollowsAlgorithm2() {
        for (double[] hp :
                new double[][] {{0.01, 0.9, 0.999, 1e-6, 0}, {0.05, 0.8, 0.99, 1e-3, 0.1}}) {
            double lr = hp[0];
            double b1 = hp[1];
            double b2 = hp[2];
            double eps = hp[3];
            double lambda = hp[4];
            double[][] m = zerosLike(STARTS);
            double[][] v = zerosLike(STARTS);
            Reference ref =
                    (w, g, t) -> {
                        for (int k = 0; k < w.length; k++) {
                            double[] r = new double[w[k].length];
                            for (int j = 0; j < r.length; j++) {
                                m[k][j] = b1 * m[k][j] + (1 - b1) * g[k][j];
                                v[k][j] = b2 * v[k][j] + (1 - b2) * g[k][j] * g[k][j];
                                double mHat = m[k][j] / (1 - Math.pow(b1, t));
                                double vHat = v[k][j] / (1 - Math.pow(b2, t));
                                r[j] = mHat / (Math.sqrt(vHat) + eps) + lambda * w[k][j];
                            }
                            double wN = norm(w[k]);
                            double rN = norm(r);
                            double ratio = wN > 0 && rN > 0 ? wN / rN : 1;
                            for (int j = 0; j < r.length; j++) {
                                w[k][j] -= lr * ratio * r[j];
                            }
                        }
                    };
            compare(
                    "lamb(lr="
                            + lr
                            + ", beta1="
                            + b1
                            + ", beta2="
                            + b2
                            + ", eps="
                            + eps
                            + ", weight_decay="
                            + lambda
                            + ")",
                    ref);
        }
    }

    // ---------------------------------------------------------------- Lion, Algorithm 2

    @Test
    void lionFollowsTheAlgorithm() {
        for (double[] hp : new double[][] {{0.01, 0.9, 0.99, 0}, {0.003, 0.95, 0.98, 0.5}}) {
            double lr = hp[0];
            double b1 = hp[1];
            double b2 = hp[2];
            double lambda = hp[3];
            double[][] m = zerosLike(STARTS);
            Reference ref =
                    (w, g, t) -> {
                        for (int k = 0; k < w.length; k++) {
                            for (int j = 0; j < w[k].length; j++) {
                                double c = b1 * m[k][j] + (1 - b1) * g[k][j];
                                w[k][j] -= lr * (Math.signum(c) + lambda * w[k][j]);
                                m[k][j] = b2 * m[k][j] + (1 - b2) * g[k][j];
                            }
                        }
                    };
            compare(
                    "lion(lr="
                            + lr
                            + ", beta1="
                            + b1
                            + ", beta2="
                            + b2
                            + ", weight_decay="
                            + lambda
                            + ")",
                    ref);
        }
    }

    // ---------------------------------------------------------------- AGC

    /**
     * Brock et al. 2021, eq. 3, per unit i (a row of a matrix, the whole of a vector): ‖W_i‖* =
     * max(‖W_i‖, eps); G_i ← λ·‖W_i‖* / ‖G_i‖ · G_i if ‖G_i‖ / ‖W_i‖* &gt; λ.
     */
    static void agc(double[] w, double[] g, int units, double lambda, double eps) {
        int width = g.length / units;
        for (int i = 0; i < units; i++) {
            double wN = 0;
            double gN = 0;
            for (int j = i * width; j < (i + 1) * width; j++) {
                wN += w[j] * w[j];
                gN += g[j] * g[j];
            }
            double wStar = Math.max(Math.sqrt(wN), eps);
            gN = Math.sqrt(gN);
            if (gN / wStar > lambda) {
                for (int j = i * width; j < (i + 1) * width; j++) {
                    g[j] = lambda * wStar / gN * g[j];
                }
            }
        }
    }

    @Test
    void adaptiveClipFollowsTheFormulaUnitWise() {
        // rows of the 3×4 matrix: row 0 small gradient (kept), row 1 large (clipped),
        // row 2 zero weights (eps floor); then a 2×2×3 tensor (units = first axis), a vector.
        double[][] w = {
            {1, 2, -1, 0.5, 0.3, -0.2, 0.1, 0.4, 0, 0, 0, 0},
            {0.2, -0.1, 0.3, 0.05, 0.4, -0.6, 0.7, 0.1, 0.2, -0.3, 0.4, 0.5},
            {0.5, -1.5, 2},
        };
        double[][] g = {
            {0.001, -0.002, 0.001, 0.0005, 0.5, 0.3, -0.4, 0.2, 0.1, -0.2, 0.05, 0.3},
            {0.01, 0.02, -0.01, 0.005, 3, -2, 1, 0.5, 0.002, 0.001, -0.003, 0.001},
            {0.2, 0.1, -0.3},
        };
        long[][] shapes = {{3, 4}, {2, 2, 3}, {3}};
        int[] units = {3, 2, 1};
        for (double[] hp : new double[][] {{0.01, 1e-3}, {0.1, 0.05}, {1, 1e-3}}) {
            double lambda = hp[0];
            double eps = hp[1];
            double[][] want = copy(g);
            for (int k = 0; k < want.length; k++) {
                agc(w[k], want[k], units[k], lambda, eps);
            }
            String expr = "adaptive_clip(clipping=" + lambda + ", eps=" + eps + ")";
            double[][] got = applyOnce(expr, w, g, shapes);
            for (int k = 0; k < want.length; k++) {
                assertClose(want[k], got[k], expr + " tensor " + k);
            }
        }
        // the rows really did differ: row 1 of the matrix clipped, row 0 kept
        double[][] got = applyOnce("adaptive_clip(clipping=0.01, eps=0.001)", w, g, shapes);
        assertEquals(g[0][0], got[0][0], 0);
        assertTrue(Math.abs(got[0][4]) < Math.abs(g[0][4]) / 10);
    }

    @Test
    void adaptiveClipThenSgdForSeveralSteps() {
        double lambda = 0.05;
        double eps = 1e-3;
        double lr = 0.1;
        int[] units = {3, 1, 1};
        Reference ref =
                (w, g, t) -> {
                    for (int k = 0; k < w.length; k++) {
                        agc(w[k], g[k], units[k], lambda, eps);
                        for (int j = 0; j < w[k].length; j++) {
                            w[k][j] -= lr * g[k][j];
                        }
                    }
                };
        compare("chain(transforms=[adaptive_clip(clipping=0.05, eps=0.001), sgd(lr=0.1)])", ref);
    }

    // ---------------------------------------------------------------- decays, sign, trust

    @Test
    void decoupledWeightDecayAfterMomentum() {
        double mu = 0.9;
        double lambda = 0.05;
        double lr = 0.1;
        double[][] b = zerosLike(STARTS);
        Reference ref =
                (w, g, t) -> {
                    for (int k = 0; k < w.length; k++) {
                        for (int j = 0; j < w[k].length; j++) {
                            b[k][j] = t == 1 ? g[k][j] : mu * b[k][j] + g[k][j];
                            w[k][j] -= lr * (b[k][j] + lambda * w[k][j]);
                        }
                    }
                };
        compare(
                "chain(transforms=[trace(momentum=0.9), add_decayed_weights(weight_decay=0.05),"
                        + " scale(factor=-0.1)])",
                ref);
    }

    @Test
    void l1AddsTheSignOfTheWeights() {
        Reference ref =
                (w, g, t) -> {
                    for (int k = 0; k < w.length; k++) {
                        for (int j = 0; j < w[k].length; j++) {
                            w[k][j] -= 0.05 * (g[k][j] + 0.2 * Math.signum(w[k][j]));
                        }
                    }
                };
        compare("chain(transforms=[l1(weight_decay=0.2), scale(factor=-0.05)])", ref);
    }

    @Test
    void signumIsMomentumThenSign() {
        double[][] b = zerosLike(STARTS);
        Reference ref =
                (w, g, t) -> {
                    for (int k = 0; k < w.length; k++) {
                        for (int j = 0; j < w[k].length; j++) {
                            b[k][j] = t == 1 ? g[k][j] : 0.5 * b[k][j] + g[k][j];
                            w[k][j] -= 0.01 * Math.signum(b[k][j]);
                        }
                    }
                };
        compare("chain(transforms=[trace(momentum=0.5), sign, scale(factor=-0.01)])", ref);
    }

    @Test
    void trustRatioScalesEachTensorToTheNormOfItsParameter() {
        Reference ref =
                (w, g, t) -> {
                    for (int k = 0; k < w.length; k++) {
                        double wN = norm(w[k]);
                        double gN = norm(g[k]);
                        double ratio = wN > 0 && gN > 0 ? wN / gN : 1;
                        for (int j = 0; j < w[k].length; j++) {
                            w[k][j] -= 0.02 * ratio * g[k][j];
                        }
                    }
                };
        compare("chain(transforms=[scale_by_trust_ratio, scale(factor=-0.02)])", ref);
    }

    @Test
    void zeroGradientAndZeroWeightsGiveFiniteSteps() {
        double[][] zeros = {new double[12], new double[3], new double[2]};
        for (String expr :
                List.of(
                        "lars(lr=1)",
                        "lamb",
                        "lion",
                        "scale_by_trust_ratio",
                        "adaptive_clip",
                        "clip_by_norm(max_norm=1)",
                        "clip_by_global_norm(max_norm=1)")) {
            double[][] got = applyOnce(expr, zeros, zeros, SHAPES);
            for (double[] u : got) {
                for (double x : u) {
                    assertTrue(Double.isFinite(x), expr + " gave " + x);
                    // Lion's sign(0) = 0: no move; every other rule scales a zero update.
                    assertEquals(0, x, 0, expr);
                }
            }
        }
    }

    // ---------------------------------------------------------------- harness

    /** Runs {@code expr} on the engine and {@code ref} in Java for {@link #STEPS} steps. */
    static void compare(String expr, Reference ref) {
        GradientTransform opt = Optimizers.REGISTRY.parse(expr);
        double[][] want = copy(STARTS);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params = new ArrayList<>();
            for (int k = 0; k < STARTS.length; k++) {
                params.add(m.create(STARTS[k], new Shape(SHAPES[k])));
            }
            TransformState state = opt.init(params, m);
            for (int t = 1; t <= STEPS; t++) {
                double[][] current = new double[params.size()][];
                for (int k = 0; k < current.length; k++) {
                    current[k] = params.get(k).toDoubleArray();
                }
                double[][] g = gradient(current);
                NDArray[] updates = new NDArray[g.length];
                for (int k = 0; k < g.length; k++) {
                    updates[k] = m.create(g[k], new Shape(SHAPES[k]));
                }
                opt.update(updates, state, params);
                for (int k = 0; k < g.length; k++) {
                    params.get(k).addi(updates[k]);
                }
                ref.step(want, gradient(want), t);
                for (int k = 0; k < want.length; k++) {
                    assertClose(
                            want[k],
                            params.get(k).toDoubleArray(),
                            expr + " step " + t + " tensor " + k);
                }
            }
        }
    }

    /** One update of {@code expr} on gradients {@code g} at parameters {@code w}. */
    static double[][] applyOnce(String expr, double[][] w, double[][] g, long[][] shapes) {
        GradientTransform t = Optimizers.REGISTRY.parse(expr);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params = new ArrayList<>();
            NDArray[] updates = new NDArray[g.length];
            for (int k = 0; k < g.length; k++) {
                params.add(m.create(w[k], new Shape(shapes[k])));
                updates[k] = m.create(g[k], new Shape(shapes[k]));
            }
            t.update(updates, t.init(params, m), params);
            double[][] out = new double[g.length][];
            for (int k = 0; k < g.length; k++) {
                assertEquals(new Shape(shapes[k]), updates[k].getShape());
                out[k] = updates[k].toDoubleArray();
            }
            return out;
        }
    }

    static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-9 * Math.abs(want[i]) + 1e-15, what + " element " + i);
        }
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double[][] zerosLike(double[][] x) {
        double[][] z = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            z[k] = new double[x[k].length];
        }
        return z;
    }

    static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            c[k] = x[k].clone();
        }
        return c;
    }
}
