package io.kindling.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of {@code kindling-core} form layers: no package depends, directly or through
 * others, on a package that depends on it. A dependency is any use of {@code io.kindling.<pkg>.} in
 * code (imports and inline qualified names; comments and Javadoc do not count).
 */
class PackageCycleTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "kindling");
    private static final Pattern USE = Pattern.compile("\\bio\\.kindling\\.([a-z]+)\\.");

    /** package → the packages its code uses. */
    static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                String code =
                        Files.readString(f)
                                .replaceAll("(?s)/\\*.*?\\*/", "")
                                .replaceAll("//[^\\n]*", "")
                                .replaceAll("(?m)^package [^;]*;", "");
                Matcher m = USE.matcher(code);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    @Test
    void noPackageDependsOnOneThatDependsOnIt() {
        Map<String, Set<String>> graph = graph();
        assertTrue(graph.size() >= 10, "read the packages: " + graph.keySet());
        List<String> cycles = new ArrayList<>();
        for (String from : graph.keySet()) {
            for (String to : graph.get(from)) {
                List<String> back = path(graph, to, from);
                if (back != null) {
                    cycles.add(from + " -> " + String.join(" -> ", back));
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles (each edge is a use in code)");
    }

    @Test
    void trainUsesTheRunFolderButNotTheReport() {
        Set<String> train = graph().get("train");
        assertTrue(train.contains("runfolder"), train.toString());
        assertTrue(!train.contains("report"), "train must not use report: " + train);
    }

    /** A path of uses from {@code from} to {@code to}, or null. */
    static List<String> path(Map<String, Set<String>> graph, String from, String to) {
        List<String> stack = new ArrayList<>();
        return search(graph, from, to, stack, new TreeSet<>()) ? stack : null;
    }

    private static boolean search(
            Map<String, Set<String>> graph,
            String at,
            String to,
            List<String> stack,
            Set<String> seen) {
        stack.add(at);
        if (at.equals(to)) {
            return true;
        }
        if (seen.add(at)) {
            for (String next : graph.getOrDefault(at, Set.of())) {
                if (search(graph, next, to, stack, seen)) {
                    return true;
                }
            }
        }
        stack.remove(stack.size() - 1);
        return false;
    }
}
