package io.kindling.data;

/**
 * A dataset could not be found or read: a missing file, a truncated or malformed IDX file, a
 * corrupt gzip stream, or labels that do not fit the dataset. The message is one line that names
 * the file (and, for malformed content, the byte offset), so the command line can show it as is,
 * without a stack trace.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    public DataException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause}. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
