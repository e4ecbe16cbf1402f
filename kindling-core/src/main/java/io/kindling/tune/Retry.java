package io.kindling.tune;

import java.sql.SQLException;

/** Retries a database transaction that another process kept busy beyond the busy timeout. */
final class Retry {

    /** A transaction that may throw {@link SQLException}. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private static final int ATTEMPTS = 20;

    private Retry() {}

    static <T> T sql(Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                last = e;
                String m = String.valueOf(e.getMessage());
                if (!m.contains("SQLITE_BUSY")
                        && !m.contains("SQLITE_LOCKED")
                        && !m.contains("database is locked")) {
                    break;
                }
                try {
                    Thread.sleep(50L * (attempt + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new TuneException(
                "Study database error: " + (last == null ? "?" : last.getMessage()));
    }
}
