package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.runfolder.Owner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir Path dir;

    private static final TestFunction F = TestFunction.branin();

    private SqliteStore open() {
        return SqliteStore.open(dir.resolve("study.db"), "s", F.space(), Direction.MINIMIZE);
    }

    private SqliteStore open(long heartbeatMillis) {
        return SqliteStore.open(
                dir.resolve("study.db"), "s", F.space(), Direction.MINIMIZE, heartbeatMillis);
    }

    @Test
    void aReopenedStudyHasEveryTrialItsValuesAndIntermediateValues() {
        try (SqliteStore store = open()) {
            Tuner.run(
                    store,
                    new RandomSampler(0),
                    Pruner.NONE,
                    Objective.of(F),
                    new Tuner.Settings(5, 60_000, null));
            store.report(4, 1, 0.5);
            store.setAttrs(4, Map.of("rung_0", 0.5));
        }
        try (SqliteStore store = open()) {
            Study s = store.load();
            assertEquals(5, s.trials().size());
            Study memory = TpeInternalsTest.study(new RandomSampler(0), F, 5);
            for (int i = 0; i < 5; i++) {
                assertEquals(memory.trials().get(i).params(), s.trials().get(i).params());
                assertEquals(memory.trials().get(i).value(), s.trials().get(i).value());
                assertEquals(TrialState.COMPLETE, s.trials().get(i).state());
            }
            assertEquals(0.5, s.trials().get(4).intermediate().get(1L));
            assertEquals(0.5, s.trials().get(4).attrs().get("rung_0"));
            // the budget counts what is there: 3 more make 8
            Study more =
                    Tuner.run(
                            store,
                            new RandomSampler(0),
                            Pruner.NONE,
                            Objective.of(F),
                            new Tuner.Settings(8, 60_000, null));
            assertEquals(8, more.trials().size());
        }
    }

    @Test
    void aTrialWhoseHeartbeatIsStaleIsMarkedFailedAndRetried() throws Exception {
        Map<String, Double> params;
        // beats every second: dead when three beats are missed
        try (SqliteStore store = open(1_000)) {
            params =
                    store.ask(s -> new TrialStore.Next.Sample(new RandomSampler(1).sample(s, 0)))
                            .orElseThrow()
                            .params();
            // the process hangs here: no finish, no more heartbeats (the owner, this process,
            // lives)
        }
        try (SqliteStore store = open()) {
            assertEquals(List.of(), store.failDead(1, true), "a fresh heartbeat is alive");
            Thread.sleep(3_100);
            List<TrialStore.Death> dead = store.failDead(1, true);
            assertEquals(1, dead.size());
            assertEquals(0, dead.get(0).number());
            assertTrue(
                    dead.get(0)
                            .reason()
                            .matches("no heartbeat for 3\\.\\d s \\(dead after 3\\.0 s\\).*"),
                    dead.toString());
            Study s = store.load();
            assertEquals(TrialState.FAIL, s.trials().get(0).state());
            assertEquals(dead.get(0).reason(), s.trials().get(0).failure());
            assertEquals(TrialState.WAITING, s.trials().get(1).state());
            Trial retried = store.ask(x -> new TrialStore.Next.Done()).orElseThrow();
            assertEquals(1, retried.number());
            assertEquals(params, retried.params());
        }
    }

    @Test
    void aTrialWhoseProcessIsGoneIsDeadAtOnceAndTheStudyEndsWithItsBudget() throws Exception {
        long gone = deadPid();
        try (SqliteStore store = open()) {
            Tuner.run(
                    store,
                    new RandomSampler(0),
                    Pruner.NONE,
                    Objective.of(F),
                    new Tuner.Settings(3, 60_000, null));
            store.ask(s -> new TrialStore.Next.Sample(new RandomSampler(9).sample(s, 3)));
        }
        // trial 3 is RUNNING, its heartbeat fresh, but the process that owns it has exited
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("study.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE trials SET owner_pid = " + gone + " WHERE number = 3");
        }
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        try (SqliteStore store = open()) {
            Study s =
                    Tuner.run(
                            store,
                            new RandomSampler(0),
                            Pruner.NONE,
                            Objective.of(F),
                            new Tuner.Settings(
                                    4,
                                    60_000,
                                    new java.io.PrintStream(
                                            log, true, java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(4, s.in(TrialState.COMPLETE).size(), "the budget holds 4 good trials");
            assertEquals(List.of(3), s.in(TrialState.FAIL).stream().map(Trial::number).toList());
            assertEquals(List.of(), s.in(TrialState.RUNNING));
            String reason = s.trials().get(3).failure();
            assertTrue(reason.startsWith("its process is gone (pid " + gone + " on "), reason);
            assertTrue(
                    log.toString().contains("trial #3 was left RUNNING and is dead"),
                    log.toString());
        }
    }

    /** The id of a process that has ended (and been waited for): nothing runs under it now. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertTrue(ProcessHandle.of(p.pid()).isEmpty());
        return p.pid();
    }

    @Test
    void aVersionOneDatabaseIsBroughtToVersionTwoWithItsTrials() throws Exception {
        String v1 =
                SqliteStore.SCHEMA
                        .lines()
                        .filter(l -> !l.contains("owner_host") && !l.contains("heartbeat_every_ms"))
                        .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(!v1.contains("owner_pid"), v1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("study.db"));
                Statement s = c.createStatement()) {
            for (String sql : v1.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            s.execute("INSERT INTO kindling_schema VALUES (1)");
            s.execute(
                    "INSERT INTO studies VALUES (1, 's', 'MINIMIZE', '"
                            + F.space().describe().replace("'", "''")
                            + "', 'then')");
            s.execute(
                    "INSERT INTO trials (study_id, number, state, value, started_ms, finished_ms,"
                            + " heartbeat_ms) VALUES (1, 0, 'COMPLETE', 1.5, 0, 1000, 0)");
            s.execute(
                    "INSERT INTO trials (study_id, number, state, started_ms, heartbeat_ms)"
                            + " VALUES (1, 1, 'RUNNING', 0, 0)");
        }
        try (SqliteStore store = open()) {
            Study s = store.load();
            assertEquals(1.5, s.trials().get(0).value());
            assertEquals(null, s.trials().get(1).owner(), "version 1 recorded no owner");
            List<TrialStore.Death> dead = store.failDead(30_000, false);
            assertEquals(List.of(1), dead.stream().map(TrialStore.Death::number).toList());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("study.db"));
                Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT version FROM kindling_schema")) {
            assertEquals(SqliteStore.SCHEMA_VERSION, r.getInt(1));
        }
    }

    @Test
    void theStatusShowsStatesTheBestRunningOwnersAndFailuresWithoutChangingTheStudy()
            throws Exception {
        long gone = deadPid();
        try (SqliteStore store = open()) {
            Tuner.run(
                    store,
                    new RandomSampler(0),
                    Pruner.NONE,
                    Objective.of(F),
                    new Tuner.Settings(2, 60_000, null));
            store.ask(s -> new TrialStore.Next.Sample(new RandomSampler(9).sample(s, 2)));
            store.ask(s -> new TrialStore.Next.Sample(new RandomSampler(9).sample(s, 3)));
            store.report(2, 1, 3.0);
            store.finish(1, TrialState.FAIL, null, "value NaN");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("study.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE trials SET owner_pid = " + gone + " WHERE number = 3");
        }
        byte[] before = java.nio.file.Files.readAllBytes(dir.resolve("study.db"));
        String status = StudyStatus.of(dir.resolve("study.db"), "s");
        assertTrue(
                status.contains("4 trials: WAITING 0 RUNNING 2 COMPLETE 1 PRUNED 0 FAIL 1"),
                status);
        assertTrue(status.contains("best: #0 "), status);
        assertTrue(status.contains("x1="), status);
        assertTrue(
                status.matches(
                        "(?s).*#2  pid "
                                + ProcessHandle.current().pid()
                                + " on \\S+, alive \\(heartbeat \\d+\\.\\d s ago\\); running \\d+ s, last"
                                + " value at step 1.*"),
                status);
        assertTrue(status.contains("#3  pid " + gone), status);
        assertTrue(
                status.contains(
                        "#3  pid "
                                + gone
                                + " on "
                                + Owner.hostName()
                                + ", dead: its process is gone;"),
                status);
        assertTrue(status.contains("#1  value NaN"), status);
        assertEquals(
                java.util.Arrays.toString(before),
                java.util.Arrays.toString(
                        java.nio.file.Files.readAllBytes(dir.resolve("study.db"))),
                "status changes nothing");
        TuneException e =
                assertThrows(
                        TuneException.class, () -> StudyStatus.of(dir.resolve("study.db"), "t"));
        assertTrue(e.getMessage().contains("it holds [s]"), e.getMessage());
    }

    @Test
    void anotherSearchSpaceOrSchemaIsRefusedWithWhatToChange() throws Exception {
        open().close();
        SearchSpace other = TestFunction.hartmann6().space();
        TuneException e =
                assertThrows(
                        TuneException.class,
                        () ->
                                SqliteStore.open(
                                        dir.resolve("study.db"), "s", other, Direction.MINIMIZE));
        assertTrue(
                e.getMessage()
                        .contains(
                                "was created with another search space (x1:"
                                        + " float(low=-5, high=10)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Give another --study name"), e.getMessage());
        SqliteStore.open(dir.resolve("study.db"), "t", other, Direction.MINIMIZE).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("o.db"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE alembic_version (v TEXT)");
        }
        e =
                assertThrows(
                        TuneException.class,
                        () ->
                                SqliteStore.open(
                                        dir.resolve("o.db"), "s", F.space(), Direction.MINIMIZE));
        assertTrue(e.getMessage().contains("another program"), e.getMessage());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("study.db"));
                Statement s = c.createStatement()) {
            s.execute("UPDATE kindling_schema SET version = 99");
        }
        e = assertThrows(TuneException.class, this::open);
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void twoConnectionsShareOneStudyWithoutLosingOrRepeatingATrial() throws Exception {
        open().close();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Thread t =
                    new Thread(
                            () -> {
                                try (SqliteStore store = open()) {
                                    Tuner.run(
                                            store,
                                            TpeSampler.defaults(0),
                                            Pruner.NONE,
                                            Objective.of(F),
                                            new Tuner.Settings(30, 60_000, null));
                                } catch (Throwable x) {
                                    synchronized (errors) {
                                        errors.add(x);
                                    }
                                }
                            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        assertEquals(List.of(), errors);
        try (SqliteStore store = open()) {
            Study s = store.load();
            assertEquals(30, s.trials().size());
            Set<Integer> numbers = new HashSet<>();
            s.trials().forEach(t -> numbers.add(t.number()));
            assertEquals(30, numbers.size());
            assertTrue(s.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
        }
    }
}
