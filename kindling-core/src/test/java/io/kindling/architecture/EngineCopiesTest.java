package io.kindling.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Arrays are copied engine-side ({@code Compute.copy}), never through DJL's {@code copyTo} or a
 * Java buffer: those take a round trip through the Java heap, and their libtorch call prints
 * "AutoNonVariableTypeMode is deprecated" on the user's console. Comments do not count.
 */
class EngineCopiesTest {

    private static final Pattern BUFFER_COPY =
            Pattern.compile("\\.copyTo\\(|\\.toByteBuffer\\(\\)\\s*\\)|\\.set\\(\\s*new float\\[");

    static List<String> offenders(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String code =
                        Files.readString(f)
                                .replaceAll("(?s)/\\*.*?\\*/", "")
                                .replaceAll("//[^\\n]*", "");
                if (BUFFER_COPY.matcher(code).find()) {
                    found.add(root.relativize(f).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void mainCodeCopiesArraysEngineSide() {
        Path main = Path.of("src", "main", "java");
        assertTrue(Files.isDirectory(main), "run from kindling-core");
        assertEquals(List.of(), offenders(main));
    }

    @Test
    void theCheckFindsABufferCopy(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("A.java"), "class A { void f() { a.copyTo(b); } }");
        Files.writeString(dir.resolve("B.java"), "class B { /* a.copyTo(b) */ }");
        assertEquals(List.of("A.java"), offenders(dir));
    }
}
