package io.kindling.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.diagnose.Diagnose;
import io.kindling.diagnose.Diagnosis;
import io.kindling.diagnose.StepStats;
import io.kindling.testing.Effect;
import io.kindling.train.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-range memory experiment (examples/adding-memory.yaml) in seconds: its variants on a
 * short adding problem (T = 30) and, at initialization, the gradient through time at T = 100.
 */
@Tag("effect")
class RecurrentExperimentsTest {

    private static final String GAUSSIAN = "tanh RNN, Gaussian N(0, 0.1²)";
    private static final String IRNN = "IRNN (ReLU, identity recurrence)";
    private static final String LSTM = "LSTM, forget bias 1";

    @TempDir Path tmp;

    private static List<Variant> variants(int steps, int trainSteps, String... labels) {
        Map<String, Object> file =
                Experiment.readYaml(Path.of("..", "examples", "adding-memory.yaml"));
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("data", "adding(steps=" + steps + ", train=4000, test=500, seed=0)");
        overrides.put("steps", trainSteps);
        overrides.put(
                "optimizer", "chain(transforms=[clip_by_global_norm(max_norm=1), adam(lr=0.003)])");
        overrides.put("threads", Effect.threads(2));
        overrides.put("seed", Effect.seeds(3).get(0));
        return Variants.of(file, overrides, List.of()).stream()
                .filter(v -> List.of(labels).contains(v.label()))
                .toList();
    }

    /** ‖∂L/∂x_0‖ / ‖∂L/∂x_{T−1}‖: how much gradient survives T − 1 steps back. */
    static double gradientRatio(Diagnosis d) {
        List<StepStats> s = d.steps();
        return s.get(0).inputGradientNorm() / s.get(s.size() - 1).inputGradientNorm();
    }

    /**
     * At initialization, T = 100, batch 128: the Gaussian tanh RNN's gradient reaching the first
     * step is 1e-7–1e-6 of the last step's (measured 4.3e-7 for seed 0), IRNN keeps it at 0.9 (seed
     * 0; identity recurrence, ReLU). Thresholds 1e-4 and 0.1 leave three orders of margin.
     */
    @Test
    void gradientThroughTimeVanishesForGaussianNotForIrnn() {
        Effect.Checks checks = Effect.checks("adding-memory at init");
        for (Variant v : variants(100, 1, GAUSSIAN, IRNN)) {
            double[] ratios =
                    Effect.seeds(3).stream()
                            .mapToDouble(s -> gradientRatio(Diagnose.of(v.spec().withSeed(s))))
                            .toArray();
            if (v.label().equals(GAUSSIAN)) {
                checks.atMost(v.label() + ": gradient at step 0 over step T−1", ratios, 1e-4);
            } else {
                checks.atLeast(v.label() + ": gradient at step 0 over step T−1", ratios, 0.1);
            }
        }
        checks.verify();
    }

    /**
     * T = 30, 400 steps of Adam (lr 0.003, clipped at norm 1), batch 128. Test MSE over seeds 0..4:
     * Gaussian tanh RNN 0.163–0.166 (the trivial 1/6 = 0.167: it learns nothing), LSTM with forget
     * bias 1 see the row in docs/models.md; asserted: Gaussian ≥ 0.15, LSTM ≤ 0.12.
     */
    @Test
    void lstmWithForgetBiasLearnsWhereTheGaussianRnnStaysTrivial() {
        List<Variant> chosen = variants(30, 400, GAUSSIAN, LSTM);
        Path out = tmp.resolve("adding");
        List<Long> seeds = Effect.seeds(3);
        Comparison.run(chosen, seeds.size(), out, new PrintStream(new ByteArrayOutputStream()));
        Effect.Checks checks = Effect.checks("adding-memory, T=30");
        for (Variant v : chosen) {
            double[] mse =
                    seeds.stream()
                            .mapToDouble(
                                    s ->
                                            testLoss(
                                                    out.resolve(Comparison.safe(v.label()))
                                                            .resolve("seed-" + s)
                                                            .resolve("metrics.jsonl")))
                            .toArray();
            if (v.label().equals(GAUSSIAN)) {
                checks.atLeast(v.label() + ": test MSE", mse, 0.15);
            } else {
                checks.atMost(v.label() + ": test MSE", mse, 0.13);
            }
        }
        checks.verify();
    }

    /** The last logged test loss of a run. */
    static double testLoss(Path metrics) {
        try {
            ObjectMapper json = new ObjectMapper();
            double last = Double.NaN;
            for (String line : Files.readAllLines(metrics)) {
                JsonNode n = json.readTree(line);
                if (n.has("test_loss")) {
                    last = n.get("test_loss").asDouble();
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
