package io.kindling.data.memory;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.data.DatasetSpec;
import io.kindling.data.TargetKind;
import io.kindling.nn.InputShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The adding problem (Hochreiter &amp; Schmidhuber 1997, "Long short-term memory", Neural
 * Computation 9(8), experiment 4; in the form of Le, Jaitly &amp; Hinton 2015, "A simple way to
 * initialize recurrent networks of rectified linear units", arXiv:1504.00941): each of {@code
 * steps} time steps carries two values, a number uniform in [0, 1) and a marker, 0 or 1. Exactly
 * two steps are marked, one uniformly in the first half ({@code [0, ⌊T/2⌋)}) and one in the second
 * ({@code [⌊T/2⌋, T)}), and the target is the sum of the two marked numbers. The model must carry a
 * number across up to {@code T} steps.
 *
 * <p>Always predicting 1 (the target's mean) scores MSE {@code Var(u₁ + u₂) = 2/12 ≈ 0.167}, the
 * trivial baseline a model must beat.
 *
 * <p>Inputs are {@code InputShape.sequence(steps, 2)} rows, step-major ({@code u₀, m₀, u₁, m₁, …});
 * targets float {@code (N, 1)}. Training and test examples come from one {@code
 * java.util.Random(seed)} stream, training first. Example: {@code adding(steps=100, train=10000,
 * test=1000, seed=0)}.
 *
 * @param steps sequence length T, {@code ≥ 2}
 * @param train training examples, {@code ≥ 1}
 * @param test test examples, {@code ≥ 1}
 * @param seed drives every number and marker
 */
public record AddingProblem(int steps, int train, int test, long seed) implements DatasetSpec {

    /** The MSE of always predicting 1: {@code 2 · Var(U[0, 1)) = 1/6}. */
    public static final double TRIVIAL_MSE = 1.0 / 6;

    public AddingProblem {
        if (steps < 2 || train < 1 || test < 1) {
            throw new IllegalArgumentException(
                    "the adding problem needs steps >= 2, train >= 1 and test >= 1, got steps "
                            + steps
                            + ", train "
                            + train
                            + ", test "
                            + test);
        }
    }

    @Override
    public SequenceData load() {
        Random random = new Random(seed);
        SequenceData.Part tr = generate(random, train);
        SequenceData.Part te = generate(random, test);
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("task", "adding problem");
        pre.put("steps", steps);
        pre.put("trivial_mse", TRIVIAL_MSE);
        pre.put(
                "report",
                java.util.List.of(
                        "adding problem: "
                                + steps
                                + " steps of (number, marker); target the sum of the two marked"
                                + " numbers; always predicting 1 scores MSE 0.1667"));
        return new SequenceData(
                "adding",
                "adding problem, " + steps + " steps, seed " + seed,
                InputShape.sequence(steps, 2),
                TargetKind.VALUES,
                1,
                1,
                tr,
                null,
                te,
                pre);
    }

    private SequenceData.Part generate(Random random, int n) {
        float[] x = new float[n * steps * 2];
        float[] y = new float[n];
        int half = steps / 2;
        for (int i = 0; i < n; i++) {
            int base = i * steps * 2;
            for (int t = 0; t < steps; t++) {
                x[base + 2 * t] = random.nextFloat();
            }
            int first = random.nextInt(half);
            int second = half + random.nextInt(steps - half);
            x[base + 2 * first + 1] = 1;
            x[base + 2 * second + 1] = 1;
            y[i] = x[base + 2 * first] + x[base + 2 * second];
        }
        return new SequenceData.Part(x, y);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("adding")
                .arg("steps", steps)
                .arg("train", train)
                .arg("test", test)
                .arg("seed", (int) seed)
                .build();
    }
}
