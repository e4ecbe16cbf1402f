package io.kindling.tune;

import io.kindling.runfolder.Owner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * A study's state as {@code kindling tune --status OUT} prints it: trials by state, the best so
 * far, each running trial with its owner and whether that owner is alive, and each failed trial
 * with its reason. It reads the database through a read-only connection and changes nothing, so it
 * can be run while the study runs (a dead trial it reports is marked FAIL by the next process that
 * asks the study for a trial, or by {@code --resume}).
 */
public final class StudyStatus {

    private StudyStatus() {}

    /**
     * The status text of study {@code name} in {@code db}.
     *
     * @throws TuneException when there is no such database or study
     */
    public static String of(Path db, String name) {
        if (!Files.isRegularFile(db)) {
            throw new TuneException(
                    "No study database at " + db + "; give the --out folder of a tune run");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db)) {
            return describe(c, db, name);
        } catch (SQLException e) {
            throw new TuneException("Cannot read study database " + db + ": " + e.getMessage());
        }
    }

    private static String describe(Connection c, Path db, String name) throws SQLException {
        long id;
        String direction;
        try (PreparedStatement q =
                c.prepareStatement("SELECT id, direction FROM studies WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    throw new TuneException(
                            "No study '" + name + "' in " + db + "; it holds " + names(c));
                }
                id = r.getLong(1);
                direction = r.getString(2);
            }
        }
        boolean owners = columns(c).contains("owner_pid");
        long now = System.currentTimeMillis();
        StringBuilder b = new StringBuilder();
        b.append("study '")
                .append(name)
                .append("' in ")
                .append(db)
                .append(" (")
                .append(direction.toLowerCase(Locale.ROOT))
                .append(")\n");
        Map<String, Integer> states = new LinkedHashMap<>();
        for (TrialState s : TrialState.values()) {
            states.put(s.name(), 0);
        }
        List<String> running = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String best = null;
        long bestId = -1;
        double bestValue = Double.NaN;
        Direction sense = Direction.valueOf(direction);
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT t.id, t.number, t.state, t.value, t.started_ms, t.heartbeat_ms, "
                                + (owners
                                        ? "t.owner_host, t.owner_pid, t.owner_start_ms,"
                                                + " t.heartbeat_every_ms, t.failure"
                                        : "NULL, NULL, NULL, NULL, NULL")
                                + ", (SELECT max(step) FROM trial_values v WHERE v.trial_id ="
                                + " t.id) FROM trials t WHERE t.study_id = ? ORDER BY t.number")) {
            q.setLong(1, id);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    int number = r.getInt(2);
                    String state = r.getString(3);
                    states.merge(state, 1, Integer::sum);
                    double value = r.getDouble(4);
                    boolean hasValue = !r.wasNull();
                    if (state.equals("COMPLETE")
                            && hasValue
                            && (best == null || sense.better(value, bestValue))) {
                        best = "#" + number + " " + String.format(Locale.ROOT, "%.6g", value);
                        bestValue = value;
                        bestId = r.getLong(1);
                    }
                    if (state.equals("RUNNING")) {
                        String host = r.getString(7);
                        Owner owner =
                                host == null ? null : new Owner(host, r.getLong(8), r.getLong(9));
                        long every = r.getLong(10);
                        Long recorded = r.wasNull() ? null : every;
                        Liveness pulse = new Liveness(owner, r.getLong(6), recorded);
                        long step = r.getLong(12);
                        String at = r.wasNull() ? "" : ", last value at step " + step;
                        running.add(
                                String.format(
                                        Locale.ROOT,
                                        "  #%d  %s; running %.0f s%s",
                                        number,
                                        pulse.describe(
                                                now,
                                                Liveness.staleAfter(
                                                        SqliteStore.DEFAULT_HEARTBEAT_MILLIS)),
                                        (now - r.getLong(5)) / 1000.0,
                                        at));
                    }
                    if (state.equals("FAIL")) {
                        String why = r.getString(11);
                        failed.add("  #" + number + "  " + (why == null ? "reason unknown" : why));
                    }
                }
            }
        }
        int total = states.values().stream().mapToInt(Integer::intValue).sum();
        b.append(total).append(" trials:");
        states.forEach((s, n) -> b.append(' ').append(s).append(' ').append(n));
        b.append('\n');
        b.append("best: ")
                .append(best == null ? "none yet" : best + params(c, bestId))
                .append('\n');
        if (!running.isEmpty()) {
            b.append("running:\n");
            running.forEach(l -> b.append(l).append('\n'));
        }
        if (!failed.isEmpty()) {
            b.append("failed:\n");
            failed.forEach(l -> b.append(l).append('\n'));
        }
        return b.toString();
    }

    private static String params(Connection c, long trialId) throws SQLException {
        List<String> shown = new ArrayList<>();
        try (PreparedStatement q =
                c.prepareStatement(
                        "SELECT name, display FROM trial_params WHERE trial_id = ? ORDER BY rowid")) {
            q.setLong(1, trialId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    shown.add(r.getString(1) + "=" + r.getString(2));
                }
            }
        }
        return shown.isEmpty() ? "" : " (" + String.join(", ", shown) + ")";
    }

    private static List<String> columns(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("PRAGMA table_info(trials)");
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                names.add(r.getString("name"));
            }
        }
        return names;
    }

    private static List<String> names(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT name FROM studies ORDER BY name");
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
