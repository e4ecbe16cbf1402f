package io.kindling.data.series;

import io.kindling.config.CallBuilder;
import java.util.List;
import java.util.Random;

/**
 * The Mackey–Glass series (Mackey &amp; Glass 1977, "Oscillation and chaos in physiological control
 * systems", Science 197(4300)), a chaotic benchmark for forecasters since Lapedes &amp; Farber
 * (1987): the delay differential equation
 *
 * <pre>
 * dx/dt = β·x(t − τ) / (1 + x(t − τ)ⁿ) − γ·x(t),   β = 0.2, γ = 0.1, n = 10
 * </pre>
 *
 * with {@code τ = 17} (chaotic; the standard choice), integrated by the classical fourth-order
 * Runge–Kutta method with step {@code dt = 0.1} (the delayed value at a half step is the mean of
 * its two neighbours on the grid), from the constant history {@code x(t) = 1.2 + 0.01·u} for {@code
 * t ≤ 0} with {@code u} uniform in [−1, 1) from {@code java.util.Random(seed)}. The first {@code
 * 500} time units are discarded as transient and the series is sampled every {@code sample} time
 * units. Values stay within about [0.2, 1.4].
 *
 * <p>Example: {@code mackey-glass(length=2000, tau=17, sample=1, seed=0, window=32, horizon=1)}.
 *
 * @param length number of samples, {@code ≥ 2}
 * @param tau the delay τ, {@code > 0} and a multiple of {@code dt = 0.1}
 * @param sample time units between samples, {@code > 0} and a multiple of {@code dt}
 * @param seed perturbs the initial history
 */
public record MackeyGlass(int length, double tau, double sample, long seed)
        implements SeriesSource {

    static final double DT = 0.1;
    static final double BETA = 0.2;
    static final double GAMMA = 0.1;
    static final double N = 10;
    static final double TRANSIENT = 500;

    public MackeyGlass {
        if (length < 2) {
            throw new IllegalArgumentException("length must be >= 2, got " + length);
        }
        if (!(tau > 0) || Math.abs(tau / DT - Math.round(tau / DT)) > 1e-9) {
            throw new IllegalArgumentException(
                    "tau must be > 0 and a multiple of dt = 0.1, got " + tau);
        }
        if (!(sample > 0) || Math.abs(sample / DT - Math.round(sample / DT)) > 1e-9) {
            throw new IllegalArgumentException(
                    "sample must be > 0 and a multiple of dt = 0.1, got " + sample);
        }
    }

    @Override
    public String kind() {
        return "mackey-glass";
    }

    @Override
    public Series read() {
        int lag = (int) Math.round(tau / DT);
        int every = (int) Math.round(sample / DT);
        int skip = (int) Math.round(TRANSIENT / DT);
        int steps = skip + (length - 1) * every;
        // x[i] is x at time (i − lag)·dt; the first lag + 1 values are the history.
        double[] x = new double[lag + 1 + steps];
        double start = 1.2 + 0.01 * (2 * new Random(seed).nextDouble() - 1);
        for (int i = 0; i <= lag; i++) {
            x[i] = start;
        }
        for (int i = lag; i < lag + steps; i++) {
            double delayed = x[i - lag];
            double delayedNext = x[i - lag + 1];
            double delayedHalf = (delayed + delayedNext) / 2;
            double k1 = rate(x[i], delayed);
            double k2 = rate(x[i] + DT / 2 * k1, delayedHalf);
            double k3 = rate(x[i] + DT / 2 * k2, delayedHalf);
            double k4 = rate(x[i] + DT * k3, delayedNext);
            x[i + 1] = x[i] + DT / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        double[] out = new double[length];
        for (int t = 0; t < length; t++) {
            out[t] = x[lag + skip + t * every];
        }
        return new Series(
                "mackey-glass",
                "Mackey-Glass tau=" + tau + ", sampled every " + sample + ", seed " + seed,
                out,
                List.of());
    }

    private static double rate(double now, double delayed) {
        return BETA * delayed / (1 + Math.pow(delayed, N)) - GAMMA * now;
    }

    @Override
    public void describe(CallBuilder call) {
        call.arg("length", length).arg("tau", tau).arg("sample", sample).arg("seed", (int) seed);
    }
}
