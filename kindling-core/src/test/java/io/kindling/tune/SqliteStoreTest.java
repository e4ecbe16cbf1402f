package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir Path dir;

    private static final TestFunction F = TestFunction.branin();

    private SqliteStore open() {
        return SqliteStore.open(dir.resolve("study.db"), "s", F.space(), Direction.MINIMIZE);
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
    void aTrialLeftRunningByADeadProcessIsMarkedFailedAndRetried() throws Exception {
        Map<String, Double> params;
        try (SqliteStore store = open()) {
            params =
                    store.ask(s -> Optional.of(new RandomSampler(1).sample(s, 0)))
                            .orElseThrow()
                            .params();
            // the process dies here: no finish, no more heartbeats
        }
        Thread.sleep(60);
        try (SqliteStore store = open()) {
            assertEquals(List.of(), store.failStale(60_000, true), "a fresh heartbeat is alive");
            assertEquals(List.of(0), store.failStale(50, true));
            Study s = store.load();
            assertEquals(TrialState.FAIL, s.trials().get(0).state());
            assertEquals(TrialState.WAITING, s.trials().get(1).state());
            Trial retried = store.ask(x -> Optional.empty()).orElseThrow();
            assertEquals(1, retried.number());
            assertEquals(params, retried.params());
        }
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
