package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.tune.CrashPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study survives its process dying anywhere: {@code kill -9} during a training trial, a crash
 * between a trial's end and the database write of its result, a crash while the outputs are
 * written, and {@code kill -9} of one of two parallel workers. After each, {@code --resume} (run at
 * once, with no wait for heartbeats) ends with exactly the budget of good trials, no RUNNING trial,
 * every trial completed before the crash kept, and {@code trials.csv} and {@code report.html} that
 * agree with the database.
 */
class TuneCrashTest {

    @TempDir Path tmp;

    /** A small training study: 2 epochs of a small MLP per trial, an intermediate value each. */
    private Path experiment() throws IOException {
        Path file = tmp.resolve("study.yaml");
        Files.writeString(
                file,
                """
                model: mlp(depth=1, width=16)
                optimizer: sgd(lr=0.05)
                data: fashion-mnist(source=subset)
                epochs: 2
                batch: 128
                threads: 1
                search:
                  optimizer.lr: float(low=1e-3, high=0.1, log=true)
                """);
        return file;
    }

    @Test
    void killedDuringATrainingTrialAndResumedAtOnceEndsWithTheWholeBudget() throws Exception {
        Path out = tmp.resolve("train-kill");
        Path yaml = experiment();
        Process p =
                kindling(
                        List.of(),
                        "tune",
                        yaml.toString(),
                        "--trials",
                        "6",
                        "--out",
                        out.toString(),
                        "--quiet");
        // kill -9 while trial #2 trains (it has reported its first epoch)
        waitFor(p, () -> values(out, 2) >= 1);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Map<Integer, Double> before = states(out, "COMPLETE");
        assertEquals(2, before.size(), "trials 0 and 1 were complete: " + before);
        assertEquals(1, states(out, "RUNNING").size(), "the kill left trial #2 RUNNING");

        KindlingCliTest.Outcome o =
                run("tune", yaml.toString(), "--trials", "6", "--out", out.toString(), "--resume");
        assertEquals(0, o.code(), o.err());
        String why = failure(out, 2);
        assertTrue(why.startsWith("its process is gone (pid " + p.pid() + " on "), why);
        assertStudy(out, 6, before, 1);
    }

    @Test
    void aCrashBetweenATrialsEndAndItsDatabaseWriteLosesOnlyThatTrial() throws Exception {
        Path out = tmp.resolve("write");
        Process p =
                kindling(
                        List.of("-D" + CrashPoint.PROPERTY + "=trial-evaluated:4"),
                        "tune",
                        "--objective",
                        "hartmann6",
                        "--trials",
                        "10",
                        "--out",
                        out.toString(),
                        "--quiet");
        assertEquals(137, p.waitFor(), "the crash hook ends the process as SIGKILL would");
        Map<Integer, Double> before = states(out, "COMPLETE");
        assertEquals(List.of(0, 1, 2), List.copyOf(before.keySet()));
        assertEquals(List.of(3), List.copyOf(states(out, "RUNNING").keySet()));
        assertTrue(Files.notExists(out.resolve("trials.csv")));

        KindlingCliTest.Outcome o =
                run(
                        "tune",
                        "--objective",
                        "hartmann6",
                        "--trials",
                        "10",
                        "--out",
                        out.toString(),
                        "--resume",
                        "--retry-failed");
        assertEquals(0, o.code(), o.err());
        assertStudy(out, 10, before, 1);
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertTrue(csv.get(4).startsWith("3,FAIL,,"), csv.get(4));
        assertTrue(csv.get(4).contains("its process is gone (pid " + p.pid()), csv.get(4));
        assertTrue(
                csv.stream().anyMatch(l -> l.startsWith("10,COMPLETE,")),
                "--retry-failed ran #3's parameters again as #10: " + csv);
    }

    @Test
    void aCrashWhileTheOutputsAreWrittenIsRepairedByTheResume() throws Exception {
        Path out = tmp.resolve("outputs");
        Process p =
                kindling(
                        List.of("-D" + CrashPoint.PROPERTY + "=outputs"),
                        "tune",
                        "--objective",
                        "branin",
                        "--trials",
                        "8",
                        "--out",
                        out.toString(),
                        "--quiet");
        assertEquals(137, p.waitFor());
        Map<Integer, Double> before = states(out, "COMPLETE");
        assertEquals(8, before.size());
        assertTrue(Files.exists(out.resolve("trials.csv")));
        assertTrue(Files.notExists(out.resolve("report.html")), "it died before the report");

        KindlingCliTest.Outcome o =
                run(
                        "tune",
                        "--objective",
                        "branin",
                        "--trials",
                        "8",
                        "--out",
                        out.toString(),
                        "--resume",
                        "--quiet");
        assertEquals(0, o.code(), o.err());
        assertStudy(out, 8, before, 0);
    }

    @Test
    void oneOfTwoParallelWorkersKilledLeavesTheOtherToFinishTheStudy() throws Exception {
        Path out = tmp.resolve("parallel");
        Path yaml = experiment();
        Process parent =
                kindling(
                        List.of(),
                        "tune",
                        yaml.toString(),
                        "--trials",
                        "6",
                        "--parallel",
                        "2",
                        "--out",
                        out.toString());
        // kill -9 the worker that trains trial #1, once it has reported an epoch
        waitFor(parent, () -> values(out, 1) >= 1);
        long victim = owner(out, 1);
        ProcessHandle worker = ProcessHandle.of(victim).orElseThrow();
        assertTrue(
                parent.toHandle().children().anyMatch(c -> c.pid() == victim),
                "trial #1's owner is a worker of this study");
        worker.destroyForcibly();
        Map<Integer, Double> before = states(out, "COMPLETE");
        assertTrue(parent.waitFor(180, TimeUnit.SECONDS), "the study ends");
        assertEquals(0, parent.exitValue(), log());
        Map<Integer, Double> after = states(out, "COMPLETE");
        assertEquals(6, after.size(), "the other worker (or the parent) made up the budget");
        assertEquals(Map.of(), states(out, "RUNNING"));
        String failure = failure(out, 1);
        assertTrue(failure.startsWith("its process is gone (pid " + victim + " on "), failure);

        KindlingCliTest.Outcome o =
                run("tune", yaml.toString(), "--trials", "6", "--out", out.toString(), "--resume");
        assertEquals(0, o.code(), o.err());
        assertStudy(out, 6, before, 1);
    }

    /**
     * The study holds {@code budget} COMPLETE trials, {@code failed} FAIL ones, nothing RUNNING or
     * WAITING; every trial complete before the crash kept its value; {@code trials.csv} and {@code
     * report.html} say what the database says.
     */
    private static void assertStudy(Path out, int budget, Map<Integer, Double> before, int failed)
            throws Exception {
        Map<Integer, Double> complete = states(out, "COMPLETE");
        assertEquals(budget, complete.size(), "complete trials: " + complete);
        before.forEach((n, v) -> assertEquals(v, complete.get(n), "trial #" + n + " kept"));
        assertEquals(failed, states(out, "FAIL").size());
        assertEquals(Map.of(), states(out, "RUNNING"));
        assertEquals(Map.of(), states(out, "WAITING"));
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(budget + failed + 1, csv.size(), String.join("\n", csv));
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            int number = Integer.parseInt(f[0]);
            if (f[1].equals("COMPLETE")) {
                assertEquals(complete.get(number), Double.parseDouble(f[2]), line);
            } else {
                assertEquals("FAIL", f[1], line);
                assertTrue(!f[4].isEmpty(), "a failed trial says why: " + line);
            }
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(
                html.contains(
                        (budget + failed)
                                + " trials: "
                                + budget
                                + " complete, 0 pruned, "
                                + failed
                                + " failed"),
                html.substring(0, Math.min(html.length(), 600)));
        assertEquals(failed > 0, html.contains("<h2>Failed trials</h2>"));
    }

    private static Map<Integer, Double> states(Path out, String state) throws Exception {
        Map<Integer, Double> m = new TreeMap<>();
        query(
                out,
                "SELECT number, value FROM trials WHERE state = '" + state + "'",
                r -> m.put(r.getInt(1), r.getDouble(2)));
        return m;
    }

    private static int values(Path out, int trial) throws Exception {
        int[] n = {0};
        query(
                out,
                "SELECT count(*) FROM trial_values v JOIN trials t ON t.id = v.trial_id WHERE"
                        + " t.number = "
                        + trial,
                r -> n[0] = r.getInt(1));
        return n[0];
    }

    private static long owner(Path out, int trial) throws Exception {
        long[] pid = {-1};
        query(
                out,
                "SELECT owner_pid FROM trials WHERE number = " + trial,
                r -> pid[0] = r.getLong(1));
        return pid[0];
    }

    private static String failure(Path out, int trial) throws Exception {
        String[] why = {null};
        query(
                out,
                "SELECT failure FROM trials WHERE number = " + trial,
                r -> why[0] = r.getString(1));
        return String.valueOf(why[0]);
    }

    private interface Row {
        void read(ResultSet r) throws Exception;
    }

    private static void query(Path out, String sql, Row row) throws Exception {
        Path db = out.resolve("study.db");
        if (!Files.exists(db)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                row.read(r);
            }
        } catch (java.sql.SQLException e) {
            // the study's tables are not created yet
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void waitFor(Process p, Condition c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.holds()) {
            assertTrue(p.isAlive(), "the study ended before the moment to kill it: " + log());
            assertTrue(System.nanoTime() < deadline, "timed out: " + log());
            Thread.sleep(20);
        }
    }

    private Process kindling(List<String> jvm, String... args) throws IOException {
        return ChildKindling.start(
                tmp.resolve("child-" + System.nanoTime() + ".log"), jvm, List.of(args));
    }

    private String log() {
        try (Stream<Path> s = Files.walk(tmp)) {
            StringBuilder b = new StringBuilder();
            for (Path f : s.filter(x -> x.toString().endsWith(".log")).toList()) {
                b.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
            return b.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
