package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.checkpoint.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train with checkpoints → eval → export; cv; clean stop on SIGINT; bad input. */
class RunLifecycleCommandTest {

    @TempDir Path tmp;

    static final String[] SMALL = {
        "--data",
        "fashion-mnist(source=subset)",
        "--model",
        "mlp(depth=1, width=16)",
        "--batch",
        "256",
        "--threads",
        "1"
    };

    static String[] args(String[] base, String... more) {
        List<String> a = new ArrayList<>(List.of(more));
        a.addAll(1, List.of(base));
        return a.toArray(String[]::new);
    }

    @Test
    void evalAndExportReadTheRunsCheckpoints() throws Exception {
        Path runDir = tmp.resolve("run");
        var t =
                run(
                        args(
                                SMALL,
                                "train",
                                "--epochs",
                                "2",
                                "--checkpoint-every",
                                "10",
                                "--keep-best",
                                "--validation",
                                "0.1",
                                "--out",
                                runDir.toString()));
        assertEquals(0, t.code(), t.err());

        var e = run("eval", runDir.toString());
        assertEquals(0, e.code(), e.err());
        for (String s :
                List.of(
                        "val split",
                        "test split",
                        "precision",
                        "recall",
                        "f1-score",
                        "support",
                        "macro avg",
                        "weighted avg",
                        "confusion matrix",
                        "Ankle boot")) {
            assertTrue(e.out().contains(s), s + " missing from\n" + e.out());
        }
        var last = new ObjectMapper().readTree(lastRecordWith(runDir, "test_accuracy"));
        assertTrue(
                e.out()
                        .contains(
                                String.format(
                                        Locale.ROOT,
                                        "accuracy %.4f",
                                        last.get("test_accuracy").asDouble())),
                "eval of the last checkpoint repeats"
                        + " the run's final test accuracy\n"
                        + e.out());

        Path st = tmp.resolve("w.safetensors");
        var x = run("export", runDir.toString(), "--which", "best", "--out", st.toString());
        assertEquals(0, x.code(), x.err());
        var contents = Safetensors.read(st);
        assertTrue(
                contents.tensors().containsKey("layer1.weight"),
                contents.tensors().keySet().toString());
        assertEquals(
                List.of(16L, 784L),
                Arrays.stream(contents.tensors().get("layer1.weight").shape()).boxed().toList());

        Path npz = tmp.resolve("w.npz");
        var n = run("export", runDir.toString(), "--format", "npz", "--out", npz.toString());
        assertEquals(0, n.code(), n.err());
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            assertTrue(zip.getEntry("layer1.weight.npy") != null);
            assertTrue(
                    zip.getEntry("output.bias.npy") != null
                            || zip.size() == contents.tensors().size(),
                    "every parameter is exported");
        }

        var bad =
                run(
                        "export",
                        runDir.toString(),
                        "--format",
                        "pickle",
                        "--out",
                        tmp.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(
                bad.err().contains("'pickle'") && bad.err().contains("safetensors, npz"),
                bad.err());
    }

    static String lastRecordWith(Path run, String key) throws Exception {
        String found = null;
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            if (line.contains("\"" + key + "\"")) {
                found = line;
            }
        }
        return found;
    }

    @Test
    void badRunFoldersAndCheckpointsAreClearErrors() throws Exception {
        var notRun = run("eval", tmp.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().contains("not a run folder"), notRun.err());

        Path plain = tmp.resolve("plain");
        assertEquals(
                0, run(args(SMALL, "train", "--steps", "3", "--out", plain.toString())).code());
        var noCk = run("export", plain.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, noCk.code());
        assertTrue(noCk.err().contains("no checkpoints"), noCk.err());

        Path ck = tmp.resolve("ck");
        assertEquals(
                0,
                run(args(
                                SMALL,
                                "train",
                                "--steps",
                                "6",
                                "--keep-last",
                                "1",
                                "--out",
                                ck.toString()))
                        .code());
        Path model = ck.resolve("checkpoints/step-000000006/model.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        var corrupt = run("eval", ck.toString());
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("step-000000006"), corrupt.err());
        assertTrue(Files.size(model) == bytes.length / 2, "nothing is overwritten");

        var mixed = run("train", "--resume", ck.toString(), "--epochs", "3");
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("--resume"), mixed.err());
    }

    @Test
    void crossValidationReportsMeanAndStdOverStratifiedFolds() throws Exception {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Path out = tmp.resolve("cv");
        var o =
                run(
                        "cv",
                        examples.resolve("iris.yaml").toString(),
                        "--data",
                        "csv(path='" + examples.resolve("data/iris.csv") + "', target=species)",
                        "--folds",
                        "3",
                        "--threads",
                        "1",
                        "--out",
                        out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("3-fold cross-validation") && o.out().contains("±"), o.out());
        var cv = new ObjectMapper().readTree(out.resolve("cv.json").toFile());
        assertEquals(3, cv.get("per_fold").size());
        double mean = 0;
        for (var f : cv.get("per_fold")) {
            mean += f.get("val_accuracy").asDouble() / 3;
        }
        assertEquals(mean, cv.get("summary").get("val_accuracy").get("mean").asDouble(), 1e-12);
        assertTrue(mean > 0.85, "iris folds validate well: " + mean);
        for (int k = 1; k <= 3; k++) {
            String config = Files.readString(out.resolve("fold-" + k).resolve("config.yaml"));
            assertTrue(config.contains("fold(data=csv(") && config.contains("k=" + k), config);
        }
    }

    @Test
    void sigintStopsAfterTheStepWritesACheckpointAndResumeFinishes() throws Exception {
        Path runDir = tmp.resolve("interrupted");
        String java = ProcessHandle.current().info().command().orElse("java");
        // A shell without job control starts background commands with SIGINT ignored, and
        // the child would inherit that; env resets it, so the test holds however CI is run.
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "env",
                                "--default-signal=INT",
                                java,
                                "-Xmx1g",
                                "-Dai.djl.offline=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Kindling.class.getName()));
        command.addAll(
                List.of(
                        args(
                                SMALL,
                                "train",
                                "--epochs",
                                "200",
                                "--keep-last",
                                "1",
                                "--out",
                                runDir.toString())));
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("child.log").toFile())
                        .start();
        Path metrics = runDir.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline
                && p.isAlive()
                && !(Files.exists(metrics) && Files.size(metrics) > 0)) {
            Thread.sleep(20);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(tmp.resolve("child.log"));
        assertEquals(130, p.exitValue(), log);
        assertTrue(log.contains("stopped: interrupted") && log.contains("--resume"), log);
        var provenance = new ObjectMapper().readTree(runDir.resolve("provenance.json").toFile());
        assertEquals("interrupted", provenance.get("stop_reason").asText());
        try (var s = Files.list(runDir.resolve("checkpoints"))) {
            assertEquals(
                    1,
                    s.filter(x -> x.getFileName().toString().startsWith("step-")).count(),
                    "the final checkpoint of the stopped run");
        }
    }
}
