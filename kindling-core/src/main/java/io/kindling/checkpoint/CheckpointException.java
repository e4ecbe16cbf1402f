package io.kindling.checkpoint;

/**
 * A checkpoint or tensor file that cannot be written, read or trusted: a malformed safetensors
 * file, a checkpoint whose manifest is missing or whose files do not match it, a file name that is
 * not allowed. The message is one line that names the file and the problem, so the command line can
 * show it as is.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    public CheckpointException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause}. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
