package io.kindling.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The launcher's allocator set-up ({@code tools/lib/allocator.sh}, sourced by {@code ./kindling})
 * run for real: bash sources it, then starts a JVM that reports the allocator it was given. The
 * cases with jemalloc or tcmalloc installed run where their Debian packages are ({@code .ci/run}
 * installs them); the fallbacks run everywhere.
 */
class LauncherAllocatorTest {

    private static final Path SCRIPT = Path.of("..", "tools", "lib", "allocator.sh");
    private static final String NO_DECAY = "MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1";

    /** What the probe JVM printed, and what the script said on stderr. */
    record Launch(int code, String out, String err) {}

    /**
     * Sources the script with this environment (nothing inherited that tunes an allocator) under
     * the launcher's shell options, then starts the probe JVM as the launcher starts Java.
     */
    static Launch launch(Map<String, String> env, String... probeArgs)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = "target/test-classes:target/classes";
        StringBuilder cmd =
                new StringBuilder(
                        "set -euo pipefail; source "
                                + SCRIPT
                                + " && kindling_allocator && exec "
                                + java);
        cmd.append(" -cp ").append(classpath).append(' ').append(AllocatorProbe.class.getName());
        for (String a : probeArgs) {
            cmd.append(' ').append(a);
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd.toString());
        for (String v :
                List.of("LD_PRELOAD", "MALLOC_CONF", "GLIBC_TUNABLES", "KINDLING_ALLOCATOR")) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Launch(p.waitFor(), out.strip(), err.strip());
    }

    /**
     * An installed library in the folders the script searches first, if any, as the process maps it
     * (symbolic links resolved).
     */
    static Optional<Path> installed(String file) throws IOException {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu")) {
            Path p = Path.of(dir, file);
            if (Files.exists(p)) {
                return Optional.of(p.toRealPath());
            }
        }
        return Optional.empty();
    }

    @Test
    void byDefaultJavaRunsOnJemallocWithoutDecayOrSaysWhyNot() throws Exception {
        Launch l = launch(Map.of());
        assertEquals(0, l.code(), l.err());
        Optional<Path> je = installed("libjemalloc.so.2");
        if (je.isPresent()) {
            assertEquals("jemalloc (" + je.get() + "), " + NO_DECAY, l.out());
            assertEquals("", l.err());
        } else {
            assertEquals("glibc", l.out());
            assertTrue(
                    l.err().contains("jemalloc not found (Debian: apt install libjemalloc2)"),
                    l.err());
        }
    }

    @Test
    void glibcOnRequestRunsWithoutAWord() throws Exception {
        Launch l = launch(Map.of("KINDLING_ALLOCATOR", "glibc"));
        assertEquals(new Launch(0, "glibc", ""), l);
    }

    @Test
    void aMissingLibraryFallsBackToGlibcWithOneLineNeverAFailure() throws Exception {
        Launch l = launch(Map.of("KINDLING_ALLOCATOR", "/nonexistent/libjemalloc.so.2"));
        assertEquals(0, l.code(), l.err());
        assertEquals("glibc", l.out());
        assertEquals(
                "kindling: /nonexistent/libjemalloc.so.2 not found; running on glibc malloc, which"
                        + " makes training several times slower on some machines.",
                l.err());
    }

    @Test
    void anUnknownChoiceIsNamedWithWhatIsAccepted() throws Exception {
        Launch l = launch(Map.of("KINDLING_ALLOCATOR", "mimalloc"));
        assertEquals(0, l.code(), l.err());
        assertEquals("glibc", l.out());
        assertTrue(l.err().contains("KINDLING_ALLOCATOR=mimalloc is not known"), l.err());
        assertTrue(
                l.err()
                        .contains(
                                "accepted: jemalloc, tcmalloc, glibc or a library's absolute path"),
                l.err());
    }

    @Test
    void theUsersOwnSettingsAndPreloadAreLeftAlone() throws Exception {
        Optional<Path> je = installed("libjemalloc.so.2");
        assumeTrue(je.isPresent(), "libjemalloc2 is not installed here");
        Launch conf = launch(Map.of("MALLOC_CONF", "narenas:2"));
        assertEquals("jemalloc (" + je.get() + "), MALLOC_CONF=narenas:2", conf.out());
        // a user who preloads jemalloc and asks for tcmalloc keeps the preload: no second one
        Launch preloaded =
                launch(Map.of("LD_PRELOAD", je.get().toString(), "KINDLING_ALLOCATOR", "tcmalloc"));
        assertEquals("jemalloc (" + je.get() + ")", preloaded.out());
    }

    @Test
    void tcmallocIsPreloadedWhenAsked() throws Exception {
        Optional<Path> tc = installed("libtcmalloc_minimal.so.4");
        assumeTrue(tc.isPresent(), "libtcmalloc-minimal4 is not installed here");
        Launch l = launch(Map.of("KINDLING_ALLOCATOR", "tcmalloc"));
        assertEquals(new Launch(0, "tcmalloc (" + tc.get() + ")", ""), l);
    }

    @Test
    void childJvmsRunOnTheSameAllocator() throws Exception {
        // compare --parallel and tune --parallel start their runs as child JVMs that inherit the
        // environment: the child must report what the launched JVM reports
        Launch l = launch(Map.of(), "child");
        assertEquals(0, l.code(), l.err());
        List<String> lines = l.out().lines().toList();
        assertEquals(2, lines.size(), l.out());
        assertEquals("child: " + lines.get(0), lines.get(1));
    }
}
