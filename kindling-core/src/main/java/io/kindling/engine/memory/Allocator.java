package io.kindling.engine.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code malloc} this process runs on, read from the libraries mapped into it ({@code
 * /proc/self/maps}): jemalloc or tcmalloc when one is preloaded, else the C library's own ({@code
 * glibc}). The settings that tune it come from the environment: {@code MALLOC_CONF} for jemalloc,
 * {@code TCMALLOC_*} for tcmalloc, {@code GLIBC_TUNABLES} and {@code MALLOC_*} (such as {@code
 * MALLOC_ARENA_MAX}, {@code MALLOC_TRIM_THRESHOLD_}) for glibc.
 *
 * <p>Why it matters: libtorch allocates and frees every activation and gradient of a step. glibc
 * serves blocks above its mmap threshold with fresh mappings and trims freed memory back to the
 * kernel, so on some machines each step faults its buffers in again, page by page, and runs 4–7×
 * slower (measured in docs/performance.md). jemalloc with decay off ({@code
 * MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1}) keeps freed pages for reuse.
 *
 * @param name {@code jemalloc}, {@code tcmalloc} or {@code glibc}, or {@code unknown} where {@code
 *     /proc} cannot be read (not Linux)
 * @param library the preloaded library's path, or empty for glibc's built-in allocator
 * @param settings the environment variables that tune it, {@code NAME=value} joined by spaces, or
 *     empty
 */
public record Allocator(String name, String library, String settings) {

    /** The allocators told apart, by a file-name fragment of their library. */
    private static final List<String> CACHING = List.of("jemalloc", "tcmalloc");

    /** The allocator of this process. */
    public static Allocator current() {
        return of(mappedLibraries(Path.of("/proc/self/maps")), System.getenv());
    }

    /**
     * The allocator named by a process's mapped libraries and environment.
     *
     * @param libraries the paths of the shared objects mapped into the process, or {@code null}
     *     when they could not be read
     * @param env the process's environment
     * @return the allocator
     */
    static Allocator of(List<String> libraries, Map<String, String> env) {
        if (libraries == null) {
            return new Allocator("unknown", "", "");
        }
        for (String lib : libraries) {
            String file = Path.of(lib).getFileName().toString().toLowerCase(Locale.ROOT);
            for (String name : CACHING) {
                if (file.startsWith("lib" + name)) {
                    return new Allocator(name, lib, settings(name, env));
                }
            }
        }
        return new Allocator("glibc", "", settings("glibc", env));
    }

    /** The environment variables each allocator reads, in a stable order. */
    private static String settings(String name, Map<String, String> env) {
        return env.entrySet().stream()
                .filter(e -> reads(name, e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private static boolean reads(String allocator, String variable) {
        return switch (allocator) {
            case "jemalloc" -> variable.equals("MALLOC_CONF") || variable.equals("JE_MALLOC_CONF");
            case "tcmalloc" -> variable.startsWith("TCMALLOC_");
            default ->
                    variable.equals("GLIBC_TUNABLES")
                            || (variable.startsWith("MALLOC_") && !variable.equals("MALLOC_CONF"));
        };
    }

    /** The distinct shared-object paths in a {@code /proc/PID/maps} file, or null if unreadable. */
    static List<String> mappedLibraries(Path maps) {
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                    .filter(p -> p.contains(".so"))
                    .distinct()
                    .toList();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** One line: the name, then the library and the settings where there are any. */
    public String describe() {
        StringBuilder s = new StringBuilder(name);
        if (!library.isEmpty()) {
            s.append(" (").append(library).append(')');
        }
        if (!settings.isEmpty()) {
            s.append(", ").append(settings);
        }
        return s.toString();
    }

    /** The JSON fields {@code allocator}, {@code allocator_library}, {@code allocator_settings}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allocator", name);
        m.put("allocator_library", library);
        m.put("allocator_settings", settings);
        return m;
    }
}
