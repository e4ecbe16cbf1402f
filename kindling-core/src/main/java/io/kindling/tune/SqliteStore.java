package io.kindling.tune;

import io.kindling.runfolder.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;

/**
 * A study in an SQLite database (xerial sqlite-jdbc), by default {@code OUT/study.db}. The database
 * is in WAL mode with a busy timeout, and a trial is started inside an immediate transaction (the
 * write lock taken at its start), so several processes on one machine can share a study: each sees
 * the others' trials and no two get the same number. Every state change is committed before the
 * call returns, so a killed process loses no finished trial. The schema (version {@value
 * #SCHEMA_VERSION}) is {@link #SCHEMA}, documented in docs/tuning.md.
 */
public final class SqliteStore implements TrialStore {

    /** The schema version this code reads and writes. */
    public static final int SCHEMA_VERSION = 2;

    /** The tables; {@code kindling_schema} holds the version. */
    public static final String SCHEMA =
            """
            CREATE TABLE IF NOT EXISTS kindling_schema (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS studies (
              id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
              direction TEXT NOT NULL, space TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS trials (
              id INTEGER PRIMARY KEY, study_id INTEGER NOT NULL REFERENCES studies(id),
              number INTEGER NOT NULL, state TEXT NOT NULL, value REAL,
              started_ms INTEGER, finished_ms INTEGER, heartbeat_ms INTEGER,
              run_dir TEXT, config TEXT, retry_of INTEGER,
              owner_host TEXT, owner_pid INTEGER, owner_start_ms INTEGER,
              heartbeat_every_ms INTEGER, failure TEXT,
              UNIQUE (study_id, number));
            CREATE TABLE IF NOT EXISTS trial_params (
              trial_id INTEGER NOT NULL REFERENCES trials(id), name TEXT NOT NULL,
              value REAL NOT NULL, display TEXT NOT NULL, PRIMARY KEY (trial_id, name));
            CREATE TABLE IF NOT EXISTS trial_values (
              trial_id INTEGER NOT NULL REFERENCES trials(id), step INTEGER NOT NULL,
              value REAL, PRIMARY KEY (trial_id, step));
            CREATE TABLE IF NOT EXISTS trial_attrs (
              trial_id INTEGER NOT NULL REFERENCES trials(id), key TEXT NOT NULL,
              value REAL, PRIMARY KEY (trial_id, key));
            """;

    /** What version 1 lacked: who runs a trial, how often it beats, and why it failed. */
    private static final List<String> ADDED_IN_2 =
            List.of(
                    "owner_host TEXT",
                    "owner_pid INTEGER",
                    "owner_start_ms INTEGER",
                    "heartbeat_every_ms INTEGER",
                    "failure TEXT");

    /** The heartbeat interval a store opened without one writes into its trials. */
    public static final long DEFAULT_HEARTBEAT_MILLIS = 10_000;

    private final Connection db;
    private final long studyId;
    private final SearchSpace space;
    private final Direction direction;
    private final long heartbeatEveryMillis;

    private SqliteStore(
            Connection db,
            long studyId,
            SearchSpace space,
            Direction direction,
            long heartbeatEveryMillis) {
        this.db = db;
        this.studyId = studyId;
        this.space = space;
        this.direction = direction;
        this.heartbeatEveryMillis = heartbeatEveryMillis;
    }

    /** {@link #open(Path, String, SearchSpace, Direction, long)} with the default heartbeat. */
    public static SqliteStore open(Path file, String name, SearchSpace space, Direction direction) {
        return open(file, name, space, direction, DEFAULT_HEARTBEAT_MILLIS);
    }

    /**
     * Opens (creating when absent) the study {@code name} in {@code file}.
     *
     * <p>A database of schema version 1 is brought to version 2 in place (its trials have no owner
     * recorded; they are judged by their heartbeat alone).
     *
     * @param heartbeatEveryMillis how often this process's running trials beat; recorded with each
     *     trial it starts, so any process can tell when that trial's heartbeat is stale
     * @throws TuneException when the file holds another schema, or the study was created with
     *     another search space or direction
     */
    public static SqliteStore open(
            Path file,
            String name,
            SearchSpace space,
            Direction direction,
            long heartbeatEveryMillis) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // NORMAL in WAL mode: a commit survives the process being killed (only a power cut
            // can lose the last ones), and a trial costs no fsync
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(60_000);
            // every transaction takes the write lock at its start (BEGIN IMMEDIATE), so a
            // trial's number and parameters are chosen on the study as it is
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection db = config.createConnection("jdbc:sqlite:" + file);
            try {
                long id = tx(db, () -> setUp(db, file, name, space, direction));
                return new SqliteStore(db, id, space, direction, heartbeatEveryMillis);
            } catch (RuntimeException e) {
                db.close(); // a refused study must not keep the database locked
                throw e;
            }
        } catch (SQLException | java.io.IOException e) {
            throw new TuneException("Cannot open study database " + file + ": " + e.getMessage());
        }
    }

    private static long setUp(
            Connection db, Path file, String name, SearchSpace space, Direction direction)
            throws SQLException {
        try (Statement s = db.createStatement()) {
            boolean fresh = !exists(db, "kindling_schema");
            if (fresh && !tables(db).isEmpty()) {
                db.rollback();
                throw new TuneException(
                        file
                                + " is an SQLite database of another program"
                                + " (tables "
                                + tables(db)
                                + ", no kindling_schema); give another --out"
                                + " or --storage");
            }
            for (String sql : SCHEMA.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
            if (fresh) {
                s.execute("INSERT INTO kindling_schema VALUES (" + SCHEMA_VERSION + ")");
            }
            int stored;
            try (ResultSet r = s.executeQuery("SELECT version FROM kindling_schema")) {
                stored = r.next() ? r.getInt(1) : -1;
            }
            if (stored == 1) {
                for (String column : ADDED_IN_2) {
                    s.execute("ALTER TABLE trials ADD COLUMN " + column);
                }
                s.execute("UPDATE kindling_schema SET version = " + SCHEMA_VERSION);
            }
            try (ResultSet r = s.executeQuery("SELECT version FROM kindling_schema")) {
                int version = r.next() ? r.getInt(1) : -1;
                if (version != SCHEMA_VERSION) {
                    db.rollback();
                    throw new TuneException(
                            file
                                    + " has study schema version "
                                    + version
                                    + "; this Kindling reads versions 1 and "
                                    + SCHEMA_VERSION
                                    + ". Give another --out (or --storage) for a new study");
                }
            }
            try (PreparedStatement q =
                    db.prepareStatement(
                            "SELECT id, direction, space FROM studies WHERE name = ?")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        long id = r.getLong(1);
                        String storedSpace = r.getString(3);
                        if (!storedSpace.equals(space.describe())) {
                            db.rollback();
                            throw new TuneException(
                                    "Study '"
                                            + name
                                            + "' in "
                                            + file
                                            + " was created with another search space ("
                                            + oneLine(storedSpace)
                                            + "); this run searches "
                                            + oneLine(space.describe())
                                            + ". Give another --study name"
                                            + " or --out folder, or search what the study searched");
                        }
                        if (!r.getString(2).equals(direction.name())) {
                            db.rollback();
                            throw new TuneException(
                                    "Study '"
                                            + name
                                            + "' in "
                                            + file
                                            + " "
                                            + r.getString(2).toLowerCase()
                                            + "s; this run would "
                                            + direction.name().toLowerCase()
                                            + "; give the same"
                                            + " --direction, or another --study name");
                        }
                        db.commit();
                        return id;
                    }
                }
            }
            try (PreparedStatement ins =
                    db.prepareStatement(
                            "INSERT INTO studies (name,"
                                    + " direction, space, created) VALUES (?, ?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS)) {
                ins.setString(1, name);
                ins.setString(2, direction.name());
                ins.setString(3, space.describe());
                ins.setString(4, Instant.now().toString());
                ins.executeUpdate();
                try (ResultSet k = ins.getGeneratedKeys()) {
                    k.next();
                    long id = k.getLong(1);
                    db.commit();
                    return id;
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original error is the one to report
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} as one transaction (it commits or rolls back itself), retried while the
     * database is busy. Between transactions the connection is in auto-commit mode, so an idle
     * process holds no lock that would keep the others waiting.
     */
    private static <T> T tx(Connection db, Retry.Work<T> work) {
        return Retry.sql(
                () -> {
                    db.setAutoCommit(false);
                    try {
                        return work.run();
                    } finally {
                        db.setAutoCommit(true);
                    }
                });
    }

    private static String oneLine(String space) {
        return String.join("; ", space.strip().split("\n"));
    }

    private static boolean exists(Connection db, String table) throws SQLException {
        return tables(db).contains(table);
    }

    private static List<String> tables(Connection db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    @Override
    public synchronized Study load() {
        return tx(
                db,
                () -> {
                    try {
                        Study s = read();
                        db.commit();
                        return s;
                    } catch (SQLException e) {
                        db.rollback();
                        throw e;
                    }
                });
    }

    private Study read() throws SQLException {
        Map<Long, Integer> numbers = new HashMap<>();
        Map<Integer, Object[]> rows = new TreeMap<>();
        try (PreparedStatement q =
                db.prepareStatement(
                        "SELECT id, number, state, value, started_ms, finished_ms, run_dir,"
                                + " failure, owner_host, owner_pid, owner_start_ms, heartbeat_ms"
                                + " FROM trials WHERE study_id = ?")) {
            q.setLong(1, studyId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    int number = r.getInt(2);
                    numbers.put(id, number);
                    double v = r.getDouble(4);
                    Double value = r.wasNull() ? null : v;
                    long started = r.getLong(5);
                    long finished = r.getLong(6);
                    boolean done = !r.wasNull();
                    double duration = done ? (finished - started) / 1000.0 : Double.NaN;
                    String host = r.getString(9);
                    Owner owner =
                            host == null ? null : new Owner(host, r.getLong(10), r.getLong(11));
                    rows.put(
                            number,
                            new Object[] {
                                TrialState.valueOf(r.getString(3)),
                                value,
                                r.getString(7),
                                duration,
                                new LinkedHashMap<String, Double>(),
                                new TreeMap<Long, Double>(),
                                new HashMap<String, Double>(),
                                r.getString(8),
                                owner,
                                r.getLong(12)
                            });
                }
            }
        }
        fill(
                "SELECT p.trial_id, p.name, p.value FROM trial_params p JOIN trials t ON"
                        + " t.id = p.trial_id WHERE t.study_id = ? ORDER BY p.rowid",
                numbers,
                rows,
                4);
        fill(
                "SELECT v.trial_id, v.step, v.value FROM trial_values v JOIN trials t ON"
                        + " t.id = v.trial_id WHERE t.study_id = ? ORDER BY v.step",
                numbers,
                rows,
                5);
        fill(
                "SELECT a.trial_id, a.key, a.value FROM trial_attrs a JOIN trials t ON"
                        + " t.id = a.trial_id WHERE t.study_id = ?",
                numbers,
                rows,
                6);
        List<Trial> trials = new ArrayList<>();
        rows.forEach(
                (number, o) -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Double> params = (Map<String, Double>) o[4];
                    @SuppressWarnings("unchecked")
                    TreeMap<Long, Double> values = (TreeMap<Long, Double>) o[5];
                    @SuppressWarnings("unchecked")
                    Map<String, Double> attrs = (Map<String, Double>) o[6];
                    trials.add(
                            new Trial(
                                    number,
                                    (TrialState) o[0],
                                    (Double) o[1],
                                    params,
                                    values,
                                    attrs,
                                    (String) o[2],
                                    (double) o[3],
                                    (String) o[7],
                                    (Owner) o[8],
                                    (long) o[9]));
                });
        return new Study(space, direction, trials);
    }

    @SuppressWarnings("unchecked")
    private void fill(String sql, Map<Long, Integer> numbers, Map<Integer, Object[]> rows, int slot)
            throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setLong(1, studyId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Object[] row = rows.get(numbers.get(r.getLong(1)));
                    double v = r.getDouble(3);
                    Double value = r.wasNull() ? Double.NaN : v;
                    if (slot == 5) {
                        ((Map<Long, Double>) row[slot]).put(r.getLong(2), value);
                    } else {
                        ((Map<String, Double>) row[slot]).put(r.getString(2), value);
                    }
                }
            }
        }
    }

    @Override
    public synchronized Optional<Trial> ask(Function<Study, Next> choose) {
        return tx(
                db,
                () -> {
                    try {
                        Study study = read();
                        long now = System.currentTimeMillis();
                        Trial waiting =
                                study.in(TrialState.WAITING).stream().findFirst().orElse(null);
                        if (waiting != null) {
                            take(waiting.number(), now, false);
                            db.commit();
                            return Optional.of(waiting.with(TrialState.RUNNING, null));
                        }
                        Next next = choose.apply(study);
                        if (next instanceof Next.Resume resume) {
                            Trial paused = study.trials().get(resume.number());
                            if (paused.state() != TrialState.PRUNED) {
                                throw new IllegalStateException(
                                        "trial " + paused.number() + " is " + paused.state());
                            }
                            take(paused.number(), now, true);
                            db.commit();
                            return Optional.of(paused.with(TrialState.RUNNING, null));
                        }
                        if (!(next instanceof Next.Sample sample)) {
                            db.commit();
                            return Optional.<Trial>empty();
                        }
                        int number = study.trials().size();
                        long id = insertTrial(number, TrialState.RUNNING, now, null);
                        insertParams(id, sample.params());
                        db.commit();
                        return Optional.of(
                                new Trial(
                                        number,
                                        TrialState.RUNNING,
                                        null,
                                        sample.params(),
                                        new TreeMap<>(),
                                        Map.of(),
                                        null,
                                        Double.NaN,
                                        null,
                                        Owner.current(),
                                        now));
                    } catch (SQLException | RuntimeException e) {
                        db.rollback();
                        throw e;
                    }
                });
    }

    /**
     * Makes trial {@code number} RUNNING in this process. A paused trial keeps its start, moved on
     * by the time it waited, so its duration counts the time it ran.
     */
    private void take(int number, long now, boolean paused) throws SQLException {
        Owner me = Owner.current();
        update(
                "UPDATE trials SET state = 'RUNNING', value = NULL, "
                        + (paused
                                ? "started_ms = started_ms + (? - finished_ms)"
                                : "started_ms = ?")
                        + ", finished_ms = NULL, heartbeat_ms = ?, owner_host = ?, owner_pid = ?,"
                        + " owner_start_ms = ?, heartbeat_every_ms = ?, failure = NULL"
                        + " WHERE study_id = ? AND number = ?",
                now,
                now,
                me.host(),
                me.pid(),
                me.startMillis(),
                heartbeatEveryMillis,
                studyId,
                number);
    }

    private long insertTrial(int number, TrialState state, Long now, Integer retryOf)
            throws SQLException {
        Owner me = Owner.current();
        boolean running = state == TrialState.RUNNING;
        try (PreparedStatement ins =
                db.prepareStatement(
                        "INSERT INTO trials (study_id, number, state, started_ms, heartbeat_ms,"
                                + " retry_of, owner_host, owner_pid, owner_start_ms,"
                                + " heartbeat_every_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ins.setLong(1, studyId);
            ins.setInt(2, number);
            ins.setString(3, state.name());
            ins.setObject(4, now);
            ins.setObject(5, now);
            ins.setObject(6, retryOf);
            ins.setObject(7, running ? me.host() : null);
            ins.setObject(8, running ? me.pid() : null);
            ins.setObject(9, running ? me.startMillis() : null);
            ins.setObject(10, running ? heartbeatEveryMillis : null);
            ins.executeUpdate();
            try (ResultSet k = ins.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    private void insertParams(long trialId, Map<String, Double> params) throws SQLException {
        try (PreparedStatement ins =
                db.prepareStatement(
                        "INSERT INTO trial_params (trial_id, name, value, display) VALUES (?, ?, ?, ?)")) {
            for (Param p : space.params()) {
                Double v = params.get(p.name());
                if (v != null) {
                    ins.setLong(1, trialId);
                    ins.setString(2, p.name());
                    ins.setDouble(3, v);
                    ins.setString(4, p.distribution().display(v));
                    ins.executeUpdate();
                }
            }
        }
    }

    @Override
    public synchronized void report(int number, long step, double value) {
        write(
                "INSERT OR REPLACE INTO trial_values (trial_id, step, value) VALUES ((SELECT id"
                        + " FROM trials WHERE study_id = ? AND number = ?), ?, ?)",
                studyId,
                number,
                step,
                Double.isNaN(value) ? null : value);
    }

    @Override
    public synchronized void setAttrs(int number, Map<String, Double> attrs) {
        for (Map.Entry<String, Double> e : attrs.entrySet()) {
            write(
                    "INSERT OR REPLACE INTO trial_attrs (trial_id, key, value) VALUES ((SELECT id"
                            + " FROM trials WHERE study_id = ? AND number = ?), ?, ?)",
                    studyId,
                    number,
                    e.getKey(),
                    e.getValue());
        }
    }

    @Override
    public synchronized void setRun(int number, String runDir, String config) {
        write(
                "UPDATE trials SET run_dir = ?, config = ? WHERE study_id = ? AND number = ?",
                runDir,
                config,
                studyId,
                number);
    }

    @Override
    public synchronized void finish(int number, TrialState state, Double value, String failure) {
        write(
                "UPDATE trials SET state = ?, value = ?, finished_ms = ?, failure = ? WHERE"
                        + " study_id = ? AND number = ?",
                state.name(),
                value == null || !Double.isFinite(value) ? null : value,
                System.currentTimeMillis(),
                state == TrialState.FAIL ? failure : null,
                studyId,
                number);
    }

    @Override
    public synchronized void heartbeat(int number) {
        write(
                "UPDATE trials SET heartbeat_ms = ? WHERE study_id = ? AND number = ? AND state ="
                        + " 'RUNNING'",
                System.currentTimeMillis(),
                studyId,
                number);
    }

    @Override
    public synchronized List<Death> failDead(long staleMillis, boolean retry) {
        return tx(
                db,
                () -> {
                    try {
                        long now = System.currentTimeMillis();
                        Study study = read();
                        Map<Integer, Long> every = heartbeatIntervals();
                        List<Death> dead = new ArrayList<>();
                        for (Trial t : study.in(TrialState.RUNNING)) {
                            String reason =
                                    Liveness.of(t, every.get(t.number())).death(now, staleMillis);
                            if (reason != null) {
                                dead.add(new Death(t.number(), reason));
                            }
                        }
                        int next = study.trials().size();
                        for (Death d : dead) {
                            update(
                                    "UPDATE trials SET state = 'FAIL', finished_ms = ?, failure = ?"
                                            + " WHERE study_id = ? AND number = ?",
                                    now,
                                    d.reason(),
                                    studyId,
                                    d.number());
                            if (retry) {
                                long id = insertTrial(next++, TrialState.WAITING, null, d.number());
                                insertParams(id, study.trials().get(d.number()).params());
                            }
                        }
                        db.commit();
                        return dead;
                    } catch (SQLException | RuntimeException e) {
                        db.rollback();
                        throw e;
                    }
                });
    }

    /** The heartbeat interval each RUNNING trial's owner recorded (none for version-1 rows). */
    private Map<Integer, Long> heartbeatIntervals() throws SQLException {
        Map<Integer, Long> every = new HashMap<>();
        try (PreparedStatement q =
                db.prepareStatement(
                        "SELECT number, heartbeat_every_ms FROM trials WHERE study_id = ? AND"
                                + " state = 'RUNNING' AND heartbeat_every_ms IS NOT NULL")) {
            q.setLong(1, studyId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    every.put(r.getInt(1), r.getLong(2));
                }
            }
        }
        return every;
    }

    private void write(String sql, Object... args) {
        tx(
                db,
                () -> {
                    try {
                        update(sql, args);
                        db.commit();
                        return null;
                    } catch (SQLException e) {
                        db.rollback();
                        throw e;
                    }
                });
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement u = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                u.setObject(i + 1, args[i]);
            }
            u.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new TuneException("Cannot close the study database: " + e.getMessage());
        }
    }
}
