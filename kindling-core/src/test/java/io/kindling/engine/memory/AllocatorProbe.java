package io.kindling.engine.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Prints this JVM's allocator; with the argument {@code child}, also that of a child JVM started
 * the way {@code compare --parallel} and {@code tune --parallel} start theirs (a {@link
 * ProcessBuilder} that inherits the environment). Run by {@link LauncherAllocatorTest}.
 */
public final class AllocatorProbe {

    private AllocatorProbe() {}

    /**
     * @param args {@code child} to start a child JVM too
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        System.out.println(Allocator.current().describe());
        if (args.length > 0 && args[0].equals("child")) {
            Process p =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    AllocatorProbe.class.getName())
                            .redirectErrorStream(true)
                            .start();
            String child = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            System.out.print("child: " + child);
        }
    }
}
