package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One coordinating process per study folder: a second {@code tune} (or {@code tune --resume}) on a
 * folder a live tune holds is refused with the holder named; {@code --join} runs trials of the held
 * study without the lock; once the holder is killed, {@code --resume} takes over at once.
 */
class TuneLockTest {

    @TempDir Path tmp;

    @Test
    void aHeldStudyRefusesASecondTuneAcceptsAJoinerAndIsFreeOnceItsHolderIsKilled()
            throws Exception {
        Path out = tmp.resolve("s");
        Path yaml = tmp.resolve("study.yaml");
        Files.writeString(
                yaml,
                """
                model: mlp(depth=1, width=16)
                data: fashion-mnist(source=subset)
                epochs: 1
                batch: 128
                threads: 1
                search:
                  optimizer.lr: float(low=1e-3, high=0.1, log=true)
                """);
        Process holder =
                ChildKindling.start(
                        tmp.resolve("holder.log"),
                        List.of(),
                        List.of(
                                "tune",
                                yaml.toString(),
                                "--trials",
                                "1000",
                                "--out",
                                out.toString(),
                                "--quiet"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (count(out, "state = 'COMPLETE'") < 1) {
                assertTrue(holder.isAlive() && System.nanoTime() < deadline, "holder runs");
                Thread.sleep(50);
            }
            for (List<String> second :
                    List.of(
                            List.of("tune", yaml.toString(), "--out", out.toString()),
                            List.of(
                                    "tune",
                                    yaml.toString(),
                                    "--out",
                                    out.toString(),
                                    "--resume"))) {
                KindlingCliTest.Outcome o = run(second.toArray(String[]::new));
                assertEquals(2, o.code(), o.err());
                assertTrue(
                        o.err()
                                        .contains(
                                                "is in use by another kindling process (pid "
                                                        + holder.pid()
                                                        + " on host ")
                                && o.err().contains(", tune, since "),
                        o.err());
            }
            // the holder trains one trial at a time: a budget two above what the study holds
            // leaves the joiner at least one
            int live = count(out, "state != 'FAIL'");
            KindlingCliTest.Outcome joined =
                    run(
                            "tune",
                            yaml.toString(),
                            "--trials",
                            String.valueOf(live + 2),
                            "--out",
                            out.toString(),
                            "--join",
                            "--quiet");
            assertEquals(0, joined.code(), joined.err() + joined.out());
            assertTrue(
                    count(
                                    out,
                                    "state = 'COMPLETE' AND owner_pid = "
                                            + ProcessHandle.current().pid())
                            > 0,
                    "the joiner (this process) ran trials of the held study: " + owners(out));
            assertTrue(Files.notExists(out.resolve("report.html")), "a joiner writes no outputs");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        KindlingCliTest.Outcome resumed =
                run(
                        "tune",
                        yaml.toString(),
                        "--trials",
                        String.valueOf(count(out, "state = 'COMPLETE'") + 1),
                        "--out",
                        out.toString(),
                        "--resume",
                        "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.exists(out.resolve("report.html")));
        assertEquals(0, count(out, "state = 'RUNNING'"));
        KindlingCliTest.Outcome nothing =
                run("tune", yaml.toString(), "--out", tmp.resolve("none").toString(), "--join");
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().contains("No study to join in "), nothing.err());
    }

    private static String owners(Path out) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("study.db"));
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT owner_pid, state, count(*) FROM trials GROUP BY 1, 2")) {
            StringBuilder b = new StringBuilder();
            while (r.next()) {
                b.append(r.getLong(1))
                        .append(' ')
                        .append(r.getString(2))
                        .append(' ')
                        .append(r.getInt(3))
                        .append("; ");
            }
            return b.toString();
        }
    }

    private static int count(Path out, String where) throws Exception {
        Path db = out.resolve("study.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM trials WHERE " + where)) {
            return r.getInt(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
