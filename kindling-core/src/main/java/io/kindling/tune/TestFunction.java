package io.kindling.tune;

import io.kindling.config.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Built-in objectives with known minima, so samplers can be checked and compared without training
 * (definitions and domains as in Surjanovic &amp; Bingham's Virtual Library of Simulation
 * Experiments).
 *
 * @param expression the objective as written, e.g. {@code rosenbrock(dim=4)}
 * @param space its parameters {@code x1 … xd}
 * @param f the function of the parameter vector
 * @param minimum the known global minimum
 */
public record TestFunction(
        String expression, SearchSpace space, ToDoubleFunction<double[]> f, double minimum) {

    /** {@code branin}, {@code hartmann6}, {@code rosenbrock(dim=2)}. */
    public static final Registry<TestFunction> REGISTRY =
            new Registry<TestFunction>("objective")
                    .register(
                            "branin",
                            "Branin-Hoo on [-5, 10] x [0, 15]; minimum 0.397887",
                            a -> branin())
                    .register(
                            "hartmann6",
                            "Hartmann 6-D on [0, 1]^6; minimum -3.32237",
                            a -> hartmann6())
                    .register(
                            "rosenbrock",
                            "Rosenbrock on [-5, 10]^dim (dim=2); minimum 0",
                            a -> rosenbrock(a.positiveInt("dim", 2)));

    /** Evaluates the function at a trial's parameters. */
    public double value(Map<String, Double> params) {
        double[] x = new double[space.params().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = params.get(space.params().get(i).name());
        }
        return f.applyAsDouble(x);
    }

    /** Branin-Hoo: a(x2 − b·x1² + c·x1 − r)² + s(1 − t)cos(x1) + s; minimum 0.397887. */
    public static TestFunction branin() {
        Map<String, Distribution> d = new LinkedHashMap<>();
        d.put("x1", FloatDistribution.of(-5, 10));
        d.put("x2", FloatDistribution.of(0, 15));
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return new TestFunction(
                "branin",
                SearchSpace.of(d),
                x -> {
                    double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
                    return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
                },
                0.397887);
    }

    private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] H_A = {
        {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
        {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}
    };
    private static final double[][] H_P = {
        {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
        {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
        {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
        {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
    };

    /** Hartmann 6-D: −Σ αᵢ exp(−Σ Aᵢⱼ(xⱼ − Pᵢⱼ)²); minimum −3.32237. */
    public static TestFunction hartmann6() {
        Map<String, Distribution> d = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            d.put("x" + i, FloatDistribution.of(0, 1));
        }
        return new TestFunction(
                "hartmann6",
                SearchSpace.of(d),
                x -> {
                    double s = 0;
                    for (int i = 0; i < 4; i++) {
                        double inner = 0;
                        for (int j = 0; j < 6; j++) {
                            inner += H_A[i][j] * (x[j] - H_P[i][j]) * (x[j] - H_P[i][j]);
                        }
                        s += H_ALPHA[i] * Math.exp(-inner);
                    }
                    return -s;
                },
                -3.32237);
    }

    /** Rosenbrock: Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²; minimum 0 at (1, …, 1). */
    public static TestFunction rosenbrock(int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("rosenbrock needs dim >= 2");
        }
        Map<String, Distribution> d = new LinkedHashMap<>();
        for (int i = 1; i <= dim; i++) {
            d.put("x" + i, FloatDistribution.of(-5, 10));
        }
        return new TestFunction(
                "rosenbrock(dim=" + dim + ")",
                SearchSpace.of(d),
                x -> {
                    double s = 0;
                    for (int i = 0; i + 1 < x.length; i++) {
                        double a = x[i + 1] - x[i] * x[i];
                        s += 100 * a * a + (1 - x[i]) * (1 - x[i]);
                    }
                    return s;
                },
                0);
    }
}
