package io.kindling.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test: a real {@code kindling train} process killed with SIGKILL at random
 * moments (checkpoints are written every 2 steps, so kills land in the middle of checkpoint writes
 * too) and resumed with {@code kindling train --resume} ends with bit-identical parameters,
 * optimizer state and metrics records to a run never interrupted.
 */
class KillResumeTest {

    @TempDir Path tmp;

    static final List<String> RUN =
            List.of(
                    "train",
                    "--data",
                    "fashion-mnist(source=subset)",
                    "--model",
                    "mlp(depth=2, width=64, dropout=0.1)",
                    "--optimizer",
                    "adam(lr=0.002)",
                    "--augment",
                    "augment(flip=0.5, noise=0.01)",
                    "--steps",
                    "240",
                    "--batch",
                    "64",
                    "--seed",
                    "11",
                    "--threads",
                    "1",
                    "--log-every",
                    "4",
                    "--checkpoint-every",
                    "2",
                    "--keep-last",
                    "2");

    @Test
    void killedTwiceWithSigkillAndResumedEqualsTheUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference");
        assertEquals(0, kindling(args(RUN, "--out", reference.toString())).waitFor());

        Path victim = tmp.resolve("victim");
        Random random = new Random(42);
        Process p = kindling(args(RUN, "--out", victim.toString()));
        int kills = 0;
        for (int round = 0; round < 2; round++) {
            waitForCheckpoint(victim, p);
            Thread.sleep(random.nextInt(400));
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                assertNotEquals(0, p.exitValue());
                kills++;
            }
            p = kindling(List.of("train", "--resume", victim.toString()));
        }
        assertEquals(0, p.waitFor(), () -> log());
        assertTrue(kills >= 1, "the run finished before it could be killed");

        for (String file : List.of("model.safetensors", "optimizer.safetensors")) {
            assertArrayEquals(
                    Files.readAllBytes(reference.resolve("checkpoints/step-000000240/" + file)),
                    Files.readAllBytes(victim.resolve("checkpoints/step-000000240/" + file)),
                    file + " differs after kill and resume");
        }
        assertEquals(records(reference), records(victim));
        try (Stream<Path> left = Files.list(victim.resolve("checkpoints"))) {
            assertEquals(
                    List.of("step-000000238", "step-000000240"),
                    left.map(x -> x.getFileName().toString()).sorted().toList(),
                    "leftovers of a write cut by the kill are cleaned, keep-last holds");
        }
    }

    private static List<String> args(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    private Process kindling(List<String> args) throws IOException {
        return ChildKindling.start(
                tmp.resolve("child-" + System.nanoTime() + ".log"), List.of(), args);
    }

    private static void waitForCheckpoint(Path run, Process p) throws Exception {
        Path dir = run.resolve("checkpoints");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(x -> x.getFileName().toString().startsWith("step-"))) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
    }

    private String log() {
        try (Stream<Path> s = Files.list(tmp)) {
            StringBuilder b = new StringBuilder();
            for (Path f : s.filter(x -> x.toString().endsWith(".log")).toList()) {
                b.append(Files.readString(f));
            }
            return b.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    static List<String> records(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            ObjectNode n = (ObjectNode) json.readTree(line);
            n.remove("train_samples_per_second");
            out.add(n.toString());
        }
        return out;
    }
}
