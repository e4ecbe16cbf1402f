package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {

    @TempDir Path tmp;

    @Test
    void aBuiltInObjectiveWritesTrialsBestAndReport() throws Exception {
        Path out = tmp.resolve("b");
        KindlingCliTest.Outcome o =
                run(
                        "tune",
                        "--objective",
                        "branin",
                        "--trials",
                        "12",
                        "--seed",
                        "1",
                        "--out",
                        out.toString(),
                        "--quiet");
        assertEquals(0, o.code(), o.err());
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals("number,state,value,duration_s,failure,x1,x2", csv.get(0));
        assertEquals(13, csv.size());
        JsonNode best = new ObjectMapper().readTree(out.resolve("best.json").toFile());
        assertTrue(best.get("config").asText().startsWith("branin(x1="), best.toString());
        assertTrue(best.get("params").has("x2"));
        String html = Files.readString(out.resolve("report.html"));
        for (String part :
                new String[] {
                    "optimization history",
                    "parameter importance",
                    "Parallel coordinates",
                    "Top trials"
                }) {
            assertTrue(html.contains(part), part);
        }
        KindlingCliTest.Outcome again =
                run("tune", "--objective", "branin", "--out", out.toString());
        assertEquals(2, again.code());
        assertTrue(
                again.err().contains("already holds a study") && again.err().contains("--resume"),
                again.err());
    }

    @Test
    void aTrainingStudyRunsTrialsAsRunFoldersAndRefusesBadSearches() throws Exception {
        Path yaml = tmp.resolve("t.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "model: mlp(depth=1, width=16)",
                        "data: fashion-mnist(source=subset)",
                        "epochs: 2",
                        "batch: 256",
                        "search:",
                        "  init: choice(options=[kaiming_normal, orthogonal(gain=float(low=0.5, high=2))])",
                        "  optimizer.lr: float(low=1e-3, high=0.1, log=true)",
                        ""));
        Path out = tmp.resolve("t");
        KindlingCliTest.Outcome o =
                run(
                        "tune",
                        yaml.toString(),
                        "--trials",
                        "2",
                        "--sampler",
                        "random",
                        "--pruner",
                        "median",
                        "--out",
                        out.toString(),
                        "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(out.resolve("trial-0000/config.yaml")));
        assertTrue(Files.readString(out.resolve("trial-0000/metrics.jsonl")).contains("val_loss"));
        JsonNode best = new ObjectMapper().readTree(out.resolve("best.json").toFile());
        assertTrue(
                best.get("config").get("optimizer").asText().startsWith("sgd(lr="),
                best.toString());

        Files.writeString(
                yaml,
                "model: mlp(depth=1, width=16)\nsearch:\n"
                        + "  optimizer.lr: float(low=0, high=0.1, log=true)\n");
        KindlingCliTest.Outcome bad =
                run("tune", yaml.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(
                bad.err().contains("'optimizer.lr'") && bad.err().contains("log=true"), bad.err());
        Files.writeString(
                yaml,
                "model: mlp(depth=1, width=16)\nsearch:\n"
                        + "  optimizer.moment: float(low=0, high=0.9)\n");
        bad = run("tune", yaml.toString(), "--out", tmp.resolve("y").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("moment"), bad.err());
    }

    @Test
    void parallelWorkersShareOneStudyInChildProcesses() throws Exception {
        Path out = tmp.resolve("p");
        KindlingCliTest.Outcome o =
                run(
                        "tune",
                        "--objective",
                        "branin",
                        "--trials",
                        "8",
                        "--parallel",
                        "2",
                        "--out",
                        out.toString(),
                        "--quiet");
        assertEquals(0, o.code(), o.err());
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        assertEquals(9, csv.size(), String.join("\n", csv));
        assertTrue(csv.stream().skip(1).allMatch(l -> l.contains(",COMPLETE,")), csv.toString());
        assertTrue(Files.exists(out.resolve("worker-1.log")));
    }

    @Test
    void aTuneKilledWithSigkillLosesNoCompletedTrialAndResumes() throws Exception {
        Path out = tmp.resolve("k");
        Process p =
                ChildKindling.start(
                        tmp.resolve("child.log"),
                        List.of(),
                        List.of(
                                "tune",
                                "--objective",
                                "hartmann6",
                                "--trials",
                                "100000",
                                "--heartbeat",
                                "0.2",
                                "--out",
                                out.toString(),
                                "--quiet"));
        Map<Integer, Double> before = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (before.size() < 8 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(100);
            before = complete(out);
        }
        p.destroyForcibly().waitFor(); // SIGKILL
        before = complete(out);
        assertTrue(before.size() >= 8, "trials before the kill: " + before);
        // no wait for heartbeats: a trial whose process is gone is dead at once
        int budget = before.size() + 4;
        KindlingCliTest.Outcome o =
                run(
                        "tune",
                        "--objective",
                        "hartmann6",
                        "--trials",
                        String.valueOf(budget),
                        "--heartbeat",
                        "0.2",
                        "--out",
                        out.toString(),
                        "--resume",
                        "--quiet");
        assertEquals(0, o.code(), o.err());
        Map<Integer, Double> after = complete(out);
        for (Map.Entry<Integer, Double> e : before.entrySet()) {
            assertEquals(e.getValue(), after.get(e.getKey()), "trial " + e.getKey());
        }
        assertEquals(budget, after.size());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("study.db"));
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT count(*) FROM trials WHERE state = 'RUNNING'")) {
            assertEquals(0, r.getInt(1));
        }
    }

    private static Map<Integer, Double> complete(Path out) throws Exception {
        Map<Integer, Double> m = new TreeMap<>();
        if (!Files.exists(out.resolve("study.db"))) {
            return m;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("study.db"));
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT number, value FROM trials WHERE state =" + " 'COMPLETE'")) {
            while (r.next()) {
                m.put(r.getInt(1), r.getDouble(2));
            }
        } catch (java.sql.SQLException e) {
            return m; // not created yet
        }
        return m;
    }
}
