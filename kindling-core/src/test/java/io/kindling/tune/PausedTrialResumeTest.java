package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kindling.train.Experiment;
import io.kindling.train.TrainRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training study with successive halving: a trial paused at the first rung is promoted when
 * later trials rank below it, and continues from its checkpoint; its records equal those of the
 * same configuration trained without a pause.
 */
class PausedTrialResumeTest {

    @TempDir Path tmp;

    /**
     * Learning rates in trial order: the second is worse than the first, better than the rest. The
     * premise holds with wide margins: over seeds 1–6 (this one-layer MLP, SGD, one epoch, batch
     * 64) val_loss ranked them in this order every time, the second at least 0.25 above the first
     * and at least 0.95 below the third and fourth, where CPUs differ by about 1e-5.
     */
    private static final double[] LR = {0.1, 0.02, 0.001, 0.0002};

    @Test
    void aPromotedTrialContinuesFromItsCheckpointBitIdenticallyToAnUninterruptedRun()
            throws Exception {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("model", "mlp(depth=1, width=32)");
        base.put("optimizer", "sgd(lr=0.1)");
        base.put("data", "fashion-mnist(source=subset)");
        base.put("epochs", 2);
        base.put("batch", 64);
        base.put("seed", 5);
        base.put("threads", 1);
        SearchSpace space =
                SearchSpace.parse(
                        Map.of("optimizer.lr", "float(low=1e-4, high=0.2, log=true)"),
                        Experiment.KEYS);
        Path out = tmp.resolve("study");
        TrainingObjective objective =
                new TrainingObjective(base, space, "val_loss", out, List.of());
        Sampler scripted = PromotionTest.scripted("optimizer.lr", LR);
        Study s =
                Tuner.run(
                        new MemoryStore(space, Direction.MINIMIZE),
                        scripted,
                        new SuccessiveHalvingPruner(1, 2, 0),
                        objective,
                        new Tuner.Settings(4, 60_000, null));

        s.trials().forEach(t -> assertEquals(null, t.failure(), t.toString()));
        List<Double> atFirstRung = new ArrayList<>();
        s.trials().forEach(t -> atFirstRung.add(t.intermediate().get(1L)));
        assertTrue(
                atFirstRung.get(0) < atFirstRung.get(1)
                        && atFirstRung.get(1) < Math.min(atFirstRung.get(2), atFirstRung.get(3)),
                "the premise: val_loss after epoch 1 ranks the rates in order " + atFirstRung);
        Trial promoted = s.trials().get(1);
        assertEquals(
                List.of(1L, 2L),
                List.copyOf(promoted.intermediate().keySet()),
                "trial 1 paused at epoch 1 and was promoted to epoch 2: " + s.trials());
        assertEquals(1, s.trials().get(2).intermediate().size(), "trial 2 stays paused");

        Path trial = out.resolve("trial-0001");
        var provenance = new ObjectMapper().readTree(trial.resolve("provenance.json").toFile());
        long evaluations = records(trial).stream().filter(r -> r.contains("\"val_loss\"")).count();
        assertEquals(2, evaluations, "two evaluations, one per epoch");
        assertEquals(
                1,
                provenance.path("resumes").size(),
                "continued once from its checkpoint, not trained again: " + provenance);
        assertTrue(
                provenance.path("resumes").get(0).path("from_step").asLong() > 0,
                provenance.toString());
        Path straight = tmp.resolve("straight");
        TrainRun.execute(
                Experiment.fromYaml(trial.resolve("config.yaml")).resolve(), straight, List.of());
        assertEquals(records(straight), records(trial));
        Path last = newest(straight.resolve("checkpoints"));
        assertEquals(last.getFileName(), newest(trial.resolve("checkpoints")).getFileName());
        for (String file : List.of("model.safetensors", "optimizer.safetensors")) {
            assertArrayEquals(
                    Files.readAllBytes(last.resolve(file)),
                    Files.readAllBytes(
                            trial.resolve("checkpoints").resolve(last.getFileName()).resolve(file)),
                    file + " of the promoted trial differs from the uninterrupted run's");
        }
    }

    private static Path newest(Path checkpoints) throws IOException {
        try (var s = Files.list(checkpoints)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-"))
                    .max(java.util.Comparator.naturalOrder())
                    .orElseThrow();
        }
    }

    @Test
    void withEvalEveryATrialReportsAtOptimizerSteps() throws Exception {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("model", "mlp(depth=1, width=16)");
        base.put("data", "fashion-mnist(source=subset)");
        base.put("steps", 30);
        base.put("batch", 128);
        base.put("threads", 1);
        base.put("eval_every", 10);
        SearchSpace space =
                SearchSpace.parse(
                        Map.of("optimizer.lr", "float(low=1e-3, high=0.1, log=true)"),
                        Experiment.KEYS);
        Study s =
                Tuner.run(
                        new MemoryStore(space, Direction.MINIMIZE),
                        new RandomSampler(0),
                        Pruner.NONE,
                        new TrainingObjective(base, space, "val_loss", tmp, List.of()),
                        new Tuner.Settings(1, 60_000, null));
        assertEquals(
                List.of(10L, 20L, 30L), List.copyOf(s.trials().get(0).intermediate().keySet()));
    }

    /** The metrics records without timings and the pruner's mark. */
    private static List<String> records(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            n.remove("train_samples_per_second");
            n.remove("pruned");
            out.add(n.toString());
        }
        return out;
    }
}
