package io.kindling.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocator is read from the libraries a process maps, its settings from the environment. */
class AllocatorTest {

    @TempDir Path tmp;

    @Test
    void aPreloadedJemallocIsNamedWithItsLibraryAndSettings() {
        Allocator a =
                Allocator.of(
                        List.of(
                                "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
                                "/usr/lib/x86_64-linux-gnu/libc.so.6"),
                        Map.of(
                                "MALLOC_CONF", "dirty_decay_ms:-1",
                                "GLIBC_TUNABLES", "glibc.malloc.trim_threshold=1",
                                "HOME", "/root"));
        assertEquals("jemalloc", a.name());
        assertEquals("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", a.library());
        assertEquals("MALLOC_CONF=dirty_decay_ms:-1", a.settings(), "glibc's settings are not its");
        assertEquals(
                "jemalloc (/usr/lib/x86_64-linux-gnu/libjemalloc.so.2), MALLOC_CONF=dirty_decay_ms:-1",
                a.describe());
    }

    @Test
    void tcmallocAndGlibcAreToldApartWithTheirOwnSettings() {
        Allocator tc =
                Allocator.of(
                        List.of("/usr/lib/libtcmalloc_minimal.so.4"),
                        Map.of("TCMALLOC_RELEASE_RATE", "0", "MALLOC_CONF", "x"));
        assertEquals("tcmalloc", tc.name());
        assertEquals("TCMALLOC_RELEASE_RATE=0", tc.settings());
        Allocator glibc =
                Allocator.of(
                        List.of("/usr/lib/x86_64-linux-gnu/libc.so.6"),
                        Map.of(
                                "MALLOC_ARENA_MAX", "2",
                                "GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=33554432",
                                "MALLOC_CONF", "ignored by glibc"));
        assertEquals("glibc", glibc.name());
        assertEquals("", glibc.library());
        assertEquals(
                "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432 MALLOC_ARENA_MAX=2",
                glibc.settings());
        assertEquals("glibc", new Allocator("glibc", "", "").describe());
        assertEquals("unknown", Allocator.of(null, Map.of()).name());
    }

    @Test
    void mappedLibrariesAreTheDistinctSharedObjectsOfAMapsFile() throws IOException {
        Path maps = tmp.resolve("maps");
        Files.writeString(
                maps,
                String.join(
                        "\n",
                        "55d0c000-55d0d000 r--p 00000000 08:01 1 /usr/lib/jvm/bin/java",
                        "7f00-7f01 r--p 00000000 08:01 2 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
                        "7f01-7f02 r-xp 00001000 08:01 2 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
                        "7f02-7f03 rw-p 00000000 00:00 0 ",
                        "7f03-7f04 r--p 00000000 08:01 3 /usr/lib/x86_64-linux-gnu/libc.so.6",
                        "7ffd-7ffe rw-p 00000000 00:00 0 [stack]",
                        ""));
        assertEquals(
                List.of(
                        "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",
                        "/usr/lib/x86_64-linux-gnu/libc.so.6"),
                Allocator.mappedLibraries(maps));
        assertNull(Allocator.mappedLibraries(tmp.resolve("absent")));
    }

    @Test
    void thisProcessIsSeenOnThePreloadedAllocator() {
        // The test JVM runs on what LD_PRELOAD names (the build preloads jemalloc where it is
        // installed, as the launcher does): detection must see the library actually mapped.
        String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
        String expected =
                preload.contains("jemalloc")
                        ? "jemalloc"
                        : preload.contains("tcmalloc") ? "tcmalloc" : "glibc";
        Allocator a = Allocator.current();
        assertEquals(expected, a.name(), a.describe());
        if (!expected.equals("glibc")) {
            assertTrue(preload.contains(Path.of(a.library()).getFileName().toString()), preload);
        }
    }
}
