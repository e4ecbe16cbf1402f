package io.kindling.cli;

import io.kindling.checkpoint.CheckpointException;
import io.kindling.config.ConfigException;
import io.kindling.data.DataException;
import io.kindling.engine.check.EngineMismatchException;
import io.kindling.runfolder.RunFolderException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception into a one-line error and an exit code: 2 for input the user can fix (unknown
 * name, bad value, missing or corrupt data, unusable output folder), 3 when the engine fails its
 * self-check (as {@code kindling doctor} exits; the message says what to do), 1 for anything else.
 * The stack trace is printed only with {@code --debug}.
 */
final class ErrorReport implements IExecutionExceptionHandler {

    private final boolean debug;

    ErrorReport(String[] args) {
        this.debug = Arrays.asList(args).contains("--debug");
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        var err = cl.getErr();
        boolean engine = e instanceof EngineMismatchException;
        boolean userError =
                engine
                        || e instanceof ConfigException
                        || e instanceof DataException
                        || e instanceof RunFolderException
                        || e instanceof IllegalArgumentException
                        || e instanceof CheckpointException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            message = u.getMessage();
        }
        err.println("kindling: error: " + message.lines().findFirst().orElse(message));
        if (debug) {
            e.printStackTrace(err);
        } else if (!userError) {
            err.println("(" + e.getClass().getName() + "; rerun with --debug for the stack trace)");
        }
        err.flush();
        return engine ? DoctorCommand.MISMATCH : userError ? 2 : 1;
    }
}
