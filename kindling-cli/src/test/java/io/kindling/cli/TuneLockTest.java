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
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder =
                new ProcessBuilder(
                                java,
                                "-Xmx512m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Kindling.class.getName(),
                                "tune",
                                "--objective",
                                "hartmann6",
                                "--trials",
                                "100000",
                                "--out",
                                out.toString(),
                                "--quiet")
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("holder.log").toFile())
                        .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(out) < 5) {
                assertTrue(holder.isAlive() && System.nanoTime() < deadline, "holder runs");
                Thread.sleep(50);
            }
            for (List<String> second :
                    List.of(
                            List.of("tune", "--objective", "hartmann6", "--out", out.toString()),
                            List.of(
                                    "tune",
                                    "--objective",
                                    "hartmann6",
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
            int before = count(out);
            KindlingCliTest.Outcome joined =
                    run(
                            "tune",
                            "--objective",
                            "hartmann6",
                            "--trials",
                            String.valueOf(before + 20),
                            "--out",
                            out.toString(),
                            "--join",
                            "--quiet");
            assertEquals(0, joined.code(), joined.err());
            assertTrue(count(out) >= before + 20, "the joiner ran trials of the held study");
        } finally {
            holder.destroyForcibly().waitFor();
        }
        KindlingCliTest.Outcome resumed =
                run(
                        "tune",
                        "--objective",
                        "hartmann6",
                        "--trials",
                        String.valueOf(count(out) + 2),
                        "--out",
                        out.toString(),
                        "--resume",
                        "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.exists(out.resolve("report.html")));
        KindlingCliTest.Outcome nothing =
                run(
                        "tune",
                        "--objective",
                        "hartmann6",
                        "--out",
                        tmp.resolve("none").toString(),
                        "--join");
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().contains("No study to join in "), nothing.err());
    }

    private static int count(Path out) throws Exception {
        Path db = out.resolve("study.db");
        if (!Files.exists(db)) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT count(*) FROM trials WHERE state = 'COMPLETE'")) {
            return r.getInt(1);
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }
}
