package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.engine.memory.Allocator;
import io.kindling.runfolder.RunFolderException;
import io.kindling.testing.Effect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRunTest {

    @TempDir Path tmp;

    static TrainSpec spec(int steps, int seed) {
        return new Experiment(
                        Map.of(
                                "model",
                                "mlp(depth=2, width=64, activation=relu, dropout=0.1)",
                                "init",
                                "kaiming_normal(nonlinearity=relu)",
                                "optimizer",
                                "sgd(lr=0.05, momentum=0.9)",
                                "data",
                                "fashion-mnist(source=subset)",
                                "steps",
                                steps,
                                "batch",
                                64,
                                "seed",
                                seed,
                                "threads",
                                Effect.threads(),
                                "log_every",
                                5))
                .resolve();
    }

    static List<Double> trainLosses(Path metrics) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Double> losses = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode r = json.readTree(line);
            if (r.has("train_loss")) {
                losses.add(r.get("train_loss").asDouble());
            }
        }
        return losses;
    }

    @Test
    void sameSeedAndThreadsGiveIdenticalLosses() throws IOException {
        TrainRun.execute(spec(40, 3), tmp.resolve("a"), List.of());
        TrainRun.execute(spec(40, 3), tmp.resolve("b"), List.of());
        TrainRun.execute(spec(40, 4), tmp.resolve("c"), List.of());
        List<Double> a = trainLosses(tmp.resolve("a/metrics.jsonl"));
        assertEquals(8, a.size());
        assertEquals(a, trainLosses(tmp.resolve("b/metrics.jsonl")));
        assertNotEquals(a, trainLosses(tmp.resolve("c/metrics.jsonl")));
    }

    @Test
    @Tag("effect")
    void runFolderHoldsConfigProvenanceAndSplitPrefixedMetrics() throws IOException {
        Path out = tmp.resolve("run");
        TrainResult r = TrainRun.execute(spec(120, 0), out, List.of());
        String config = Files.readString(out.resolve("config.yaml"));
        assertTrue(config.contains("optimizer: \"sgd(lr=0.05, momentum=0.9"), config);
        JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals(0, prov.get("seed").asInt());
        assertEquals(Effect.threads(), prov.get("intra_op_threads").asInt());
        assertTrue(prov.get("pytorch_version").asText().startsWith("2."));
        assertEquals(Allocator.current().describe(), prov.get("allocator").asText());
        assertTrue(prov.hasNonNull("ended"));
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        JsonNode last = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(120, last.get("step").asInt());
        assertEquals(
                2, last.get("epoch").asInt(), "120 steps of 64 over 6000 examples end in epoch 2");
        assertTrue(last.has("test_loss") && last.has("test_accuracy"));
        assertTrue(
                last.get("test_top5_accuracy").asDouble() >= last.get("test_accuracy").asDouble());
        assertTrue(last.get("test_macro_f1").asDouble() > 0.5, last.toString());
        assertEquals(
                r.test().accuracy(),
                r.test().confusion().accuracy(),
                1e-12,
                "the confusion matrix agrees with the counted accuracy");
        Effect.checks("mlp(depth=2, width=64), sgd momentum, 120 steps")
                .atLeast(
                        "test accuracy",
                        Effect.perSeed(
                                2,
                                0,
                                r.test().accuracy(),
                                s ->
                                        TrainRun.execute(
                                                        spec(120, (int) s),
                                                        tmp.resolve("seed-" + s),
                                                        List.of())
                                                .test()
                                                .accuracy()),
                        0.65)
                .verify();
        List<Double> losses = trainLosses(out.resolve("metrics.jsonl"));
        Effect.checks("mlp(depth=2, width=64), sgd momentum, 120 steps")
                .atMost(
                        "last logged train loss / first (seed 0)",
                        new double[] {losses.get(losses.size() - 1) / losses.get(0)},
                        0.6)
                .verify();
    }

    @Test
    @Tag("effect")
    void adamwWithWarmupCosineAndGlobalNormClippingTrainsEndToEnd() throws IOException {
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=2, width=64, activation=gelu, norm=layer)",
                                        "init",
                                        "kaiming_normal(nonlinearity=auto)",
                                        "optimizer",
                                        "chain(transforms=[clip_by_global_norm(max_norm=1.0),"
                                                + " adamw(lr=0.003, weight_decay=0.01)])",
                                        "schedule",
                                        "warmup_cosine(warmup_steps=10, total_steps=100)",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        100,
                                        "batch",
                                        64,
                                        "threads",
                                        Effect.threads(),
                                        "log_every",
                                        10))
                        .resolve();
        Path out = tmp.resolve("adamw");
        TrainResult r = TrainRun.execute(spec, out, List.of());
        Effect.checks("adamw, warmup_cosine, clipping, 100 steps")
                .atLeast(
                        "test accuracy",
                        Effect.perSeed(
                                2,
                                spec.execution().seed(),
                                r.test().accuracy(),
                                s ->
                                        TrainRun.execute(
                                                        spec.withSeed(s),
                                                        tmp.resolve("adamw-" + s),
                                                        List.of())
                                                .test()
                                                .accuracy()),
                        0.7)
                .verify();
        ObjectMapper json = new ObjectMapper();
        List<Double> lrs = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = json.readTree(line);
            if (n.has("train_lr")) {
                lrs.add(n.get("train_lr").asDouble());
            }
        }
        // Logged at steps 10, 20, ..., 100: the lr of update k (k = step − 1).
        // Warm-up is linear from lr/10 at update 0 to lr at update 10: update 9 uses 0.91·lr.
        assertEquals(0.003 * (0.1 + 0.9 * 9 / 10), lrs.get(0), 1e-12);
        assertTrue(lrs.get(4) < lrs.get(1) && lrs.get(9) < 1e-5, lrs.toString());
        String config = Files.readString(out.resolve("config.yaml"));
        assertTrue(
                config.contains("warmup_cosine(warmup_steps=10") && config.contains("adamw"),
                config);
    }

    @Test
    @Tag("effect")
    void optimizerGroupsFromAnExperimentTrain() {
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=1, width=32, norm=batch)",
                                        "optimizer",
                                        List.of(
                                                Map.of(
                                                        "match",
                                                        "role=bias",
                                                        "optimizer",
                                                        "sgd(lr=0.05, momentum=0.9)"),
                                                Map.of(
                                                        "match",
                                                        "role=gain",
                                                        "optimizer",
                                                        "sgd(lr=0.05, momentum=0.9)"),
                                                Map.of(
                                                        "match",
                                                        "*",
                                                        "optimizer",
                                                        "sgd(lr=0.05, momentum=0.9, weight_decay=0.001)")),
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        60,
                                        "batch",
                                        64,
                                        "threads",
                                        Effect.threads()))
                        .resolve();
        assertTrue(
                spec.optimization().optimizer().print().startsWith("groups(match=['role=bias'"),
                spec.optimization().optimizer().print());
        TrainResult r = TrainRun.execute(spec, tmp.resolve("groups"), List.of());
        Effect.checks("optimizer groups, 60 steps")
                .atLeast(
                        "test accuracy",
                        Effect.perSeed(
                                2,
                                spec.execution().seed(),
                                r.test().accuracy(),
                                s ->
                                        TrainRun.execute(
                                                        spec.withSeed(s),
                                                        tmp.resolve("groups-" + s),
                                                        List.of())
                                                .test()
                                                .accuracy()),
                        0.6)
                .verify();
    }

    @Test
    void aFolderThatHoldsARunIsRefused() throws IOException {
        Path out = tmp.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.jsonl"), "{}\n");
        RunFolderException e =
                assertThrows(
                        RunFolderException.class,
                        () -> TrainRun.execute(spec(1, 0), out, List.of()));
        assertTrue(e.getMessage().contains(out.toString()));
        assertEquals("{}\n", Files.readString(out.resolve("metrics.jsonl")), "nothing lost");
    }

    @Test
    void anUnwritableOutputFolderIsRefusedBeforeTraining() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        RunFolderException e =
                assertThrows(
                        RunFolderException.class,
                        () -> TrainRun.execute(spec(1, 0), file.resolve("run"), List.of()));
        assertTrue(e.getMessage().contains("a-file"), e.getMessage());
    }
}
