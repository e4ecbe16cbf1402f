package io.kindling.runfolder;

/** A run folder that cannot be created or written; the message says which and why. */
public final class RunFolderException extends RuntimeException {

    public RunFolderException(String message) {
        super(message);
    }
}
