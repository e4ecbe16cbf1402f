package io.kindling.data.series;

import io.kindling.config.CallBuilder;
import java.util.List;
import java.util.Random;

/**
 * A sum of sines with Gaussian noise, {@code x(t) = Σₖ sin(2π·t / pₖ + φₖ) + σ·εₜ} for {@code t = 0
 * … length − 1}, the phases {@code φₖ} uniform in [0, 2π) and {@code εₜ ~ N(0, 1)}, all drawn from
 * {@code java.util.Random(seed)} (whose sequence the Java specification fixes, so a seed gives the
 * same series everywhere). Periods need not be whole numbers; with a whole period {@code p} the
 * seasonal-naive forecast of {@code season=p} is exact up to the noise.
 *
 * <p>Example: {@code sines(length=2000, periods=[24, 100], noise=0.1, seed=0, window=48)}.
 *
 * @param length number of values, {@code ≥ 2}
 * @param periods the periods {@code pₖ > 0}, in steps, at least one
 * @param noise the noise std {@code σ ≥ 0}
 * @param seed drives the phases and the noise
 */
public record Sines(int length, List<Double> periods, double noise, long seed)
        implements SeriesSource {

    public Sines {
        periods = List.copyOf(periods);
        if (length < 2) {
            throw new IllegalArgumentException("length must be >= 2, got " + length);
        }
        if (periods.isEmpty() || periods.stream().anyMatch(p -> !(p > 0) || p.isInfinite())) {
            throw new IllegalArgumentException(
                    "periods must be one or more finite numbers > 0, got " + periods);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite number >= 0, got " + noise);
        }
    }

    @Override
    public String kind() {
        return "sines";
    }

    @Override
    public Series read() {
        Random random = new Random(seed);
        double[] phases = new double[periods.size()];
        for (int k = 0; k < phases.length; k++) {
            phases[k] = 2 * Math.PI * random.nextDouble();
        }
        double[] x = new double[length];
        for (int t = 0; t < length; t++) {
            double v = 0;
            for (int k = 0; k < phases.length; k++) {
                v += Math.sin(2 * Math.PI * t / periods.get(k) + phases[k]);
            }
            x[t] = v + noise * random.nextGaussian();
        }
        return new Series(
                "sines",
                "sum of sines " + periods + ", noise " + noise + ", seed " + seed,
                x,
                List.of());
    }

    @Override
    public void describe(CallBuilder call) {
        call.arg("length", length)
                .argNumbers("periods", periods)
                .arg("noise", noise)
                .arg("seed", (int) seed);
    }
}
