package io.kindling.runfolder;

/** A run folder that cannot be created or written; the message says which and why. */
public final class RunFolderException extends RuntimeException {

    public RunFolderException(String message) {
        super(message);
    }

    /** {@code what (ExceptionClass: its message)}: a folder operation that failed, and why. */
    public static RunFolderException because(String what, Exception cause) {
        return new RunFolderException(
                what + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")");
    }
}
