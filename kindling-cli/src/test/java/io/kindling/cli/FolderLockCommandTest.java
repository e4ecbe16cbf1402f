package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process per run folder, with real {@code kindling train} processes: two started together into
 * one {@code --out} (the user's report: both used to finish, with every metrics record twice), and
 * a {@code --resume} while another process trains in the folder.
 */
class FolderLockCommandTest {

    @TempDir Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    static final List<String> TINY =
            List.of(
                    "train",
                    "--data",
                    "fashion-mnist(source=subset)",
                    "--model",
                    "mlp(depth=1, width=16)",
                    "--batch",
                    "32",
                    "--threads",
                    "1");

    @Test
    @Timeout(180)
    void ofTwoTrainsStartedTogetherIntoOneFolderOneRunsAndTheOtherIsRefused() throws Exception {
        Path out = tmp.resolve("shared");
        List<String> args = with(TINY, "--steps", "30", "--out", out.toString());
        Process a = kindling(args, "a.log");
        Process b = kindling(args, "b.log");
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        String logA = Files.readString(tmp.resolve("a.log"));
        String logB = Files.readString(tmp.resolve("b.log"));
        String both = "a: " + a.exitValue() + "\n" + logA + "\nb: " + b.exitValue() + "\n" + logB;
        assertTrue((a.exitValue() == 0) ^ (b.exitValue() == 0), both);
        boolean aWon = a.exitValue() == 0;
        Process winner = aWon ? a : b;
        assertEquals(2, (aWon ? b : a).exitValue(), both);
        String lost = aWon ? logB : logA;
        assertTrue(
                lost.contains(
                                "kindling: error: Run folder "
                                        + out
                                        + " is in use by another kindling process (pid "
                                        + winner.pid()
                                        + " on host ")
                        || lost.contains(
                                "kindling: error: Output folder " + out + " already holds a run"),
                both);

        List<JsonNode> records = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            records.add(json.readTree(line));
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode r : records) {
            Set<String> fields = new TreeSet<>();
            r.fieldNames().forEachRemaining(fields::add);
            String key = r.get("step").asText() + " " + fields;
            assertTrue(seen.add(key), "record twice: " + key + "\n" + both);
        }
        assertTrue(records.size() >= 2, records.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(
                    1,
                    files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents"))
                            .count(),
                    "one TensorBoard event file");
        }
    }

    @Test
    @Timeout(180)
    void aResumeWhileAnotherProcessTrainsInTheFolderIsRefusedAndWorksOnceThatOneIsKilled()
            throws Exception {
        Path dir = tmp.resolve("long");
        Process trainer =
                kindling(
                        with(
                                TINY,
                                "--steps",
                                "1000000",
                                "--checkpoint-every",
                                "50",
                                "--keep-last",
                                "1",
                                "--out",
                                dir.toString()),
                        "long.log");
        waitForCheckpoint(dir, trainer);

        var refused = run("train", "--resume", dir.toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(
                refused.err()
                        .startsWith(
                                "kindling: error: Run folder "
                                        + dir
                                        + " is in use by another kindling process (pid "
                                        + trainer.pid()
                                        + " on host "),
                refused.err());
        assertTrue(refused.err().contains(", train, since "), refused.err());
        assertTrue(refused.err().strip().endsWith("; wait for it to end"), refused.err());
        assertTrue(trainer.isAlive(), "the refused resume did not disturb the running process");

        trainer.destroyForcibly(); // SIGKILL: its lock goes with it
        assertTrue(trainer.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, trainer.exitValue());
        var resumed = run("train", "--resume", dir.toString(), "--time-limit", "1s");
        assertEquals("", resumed.err(), "resumed at once");
        assertTrue(
                Files.readString(dir.resolve("provenance.json")).contains("\"resumes\""),
                "provenance records the resume");
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    private Process kindling(List<String> args, String log) throws IOException {
        Process p = ChildKindling.start(tmp.resolve(log), List.of(), args);
        started.add(p);
        return p;
    }

    private static void waitForCheckpoint(Path run, Process p) throws Exception {
        Path dir = run.resolve("checkpoints");
        while (p.isAlive()) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(x -> x.getFileName().toString().startsWith("step-"))) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run ended before its first checkpoint: " + p.exitValue());
    }
}
