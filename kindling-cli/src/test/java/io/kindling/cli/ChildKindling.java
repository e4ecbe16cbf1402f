package io.kindling.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code kindling} in a child JVM on the tests' class path, its output in a log file. */
final class ChildKindling {

    private ChildKindling() {}

    /**
     * The command line of a child JVM running {@code kindling args}.
     *
     * @param jvm options for the JVM (e.g. {@code -Dkindling.crash.at=...}), after {@code -Xmx1g}
     */
    static List<String> command(List<String> jvm, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true"));
        command.addAll(jvm);
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), Kindling.class.getName()));
        command.addAll(args);
        return command;
    }

    /** Starts {@code kindling args}, stdout and stderr into {@code log}. */
    static Process start(Path log, List<String> jvm, List<String> args) throws IOException {
        return new ProcessBuilder(command(jvm, args))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
