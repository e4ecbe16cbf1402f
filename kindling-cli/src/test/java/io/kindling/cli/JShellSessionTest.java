package io.kindling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JShell session of {@code docs/java-api.md} runs: its {@code jshell>} lines, typed into the
 * JDK's {@code jshell} with Kindling on the class path and {@code tools/jshell/kindling.jsh} as
 * {@code ./kindling jshell} starts it, print what the page shows.
 */
class JShellSessionTest {

    @TempDir Path tmp;

    @Test
    void theDocumentedSessionRunsAndPrintsWhatThePageShows() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docs/java-api.md"))) {
            root = root.getParent();
        }
        assertNotNull(root, "docs/java-api.md above " + Path.of("").toAbsolutePath());
        List<String> page = Files.readAllLines(root.resolve("docs/java-api.md"));
        List<String> inputs = new ArrayList<>();
        boolean in = false;
        for (String line : page) {
            if (line.equals("```jshell")) {
                in = true;
            } else if (in && line.equals("```")) {
                break;
            } else if (in && line.startsWith("jshell> ")) {
                inputs.add(line.substring("jshell> ".length()));
            }
        }
        assertEquals(3, inputs.size(), "the page's session: " + inputs);
        Path script = tmp.resolve("session.jsh");
        List<String> lines = new ArrayList<>(inputs);
        lines.add("/exit");
        Files.write(script, lines, StandardCharsets.UTF_8);
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path log = tmp.resolve("jshell.log");
        Process p =
                new ProcessBuilder(
                                jshell.toString(),
                                "--class-path",
                                System.getProperty("java.class.path"),
                                "-R-Dai.djl.offline=true",
                                "-R-Xmx1g",
                                "-J-Duser.home=" + tmp,
                                "--startup",
                                "DEFAULT",
                                "--startup",
                                root.resolve("tools/jshell/kindling.jsh").toString())
                        .redirectInput(script.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jshell ends");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("|  Error") || out.contains("Exception"), out);
        assertTrue(
                out.contains(
                        "PlanRow[parameter=layer1.weight, shape=256x784, fanIn=784, fanOut=256,"
                                + " tags={}, rule=*, initializer=xavier_normal(gain=1),"
                                + " expectedStd=0.04385290096535146"),
                out);
        assertTrue(out.contains("==> Verdict[kind=vanishing, evidence=[activation std falls"), out);
    }
}
