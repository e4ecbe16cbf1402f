package io.kindling.engine.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A set of golden cases as {@code tools/reference/engine_golden.py} writes it.
 *
 * @param generator the command that wrote it
 * @param torch the PyTorch version that computed it
 * @param cases the cases, in order
 */
public record GoldenSet(String generator, String torch, List<GoldenCase> cases) {

    /** The shipped set every run checks (a few milliseconds of small cases). */
    public static final String SHIPPED = "/io/kindling/engine/golden.json";

    public GoldenSet {
        cases = List.copyOf(cases);
    }

    /** The shipped set. */
    public static GoldenSet shipped() {
        return resource(SHIPPED);
    }

    /**
     * A set from the class path.
     *
     * @param path an absolute resource path, e.g. {@code /reference/recurrent_kernels.json}
     * @throws IllegalArgumentException if there is no such resource
     */
    public static GoldenSet resource(String path) {
        try (InputStream in = GoldenSet.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no golden set at " + path + " on the class path");
            }
            return new ObjectMapper().readValue(in, GoldenSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the golden set " + path, e);
        }
    }

    /**
     * A set from a file, e.g. the wide recurrent fixture {@code
     * kindling-core/src/test/resources/reference/recurrent_kernels.json} ({@code kindling doctor
     * --golden FILE}).
     *
     * @throws UncheckedIOException if it cannot be read or is not a golden set
     */
    public static GoldenSet file(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return new ObjectMapper().readValue(in, GoldenSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the golden set " + path + ": " + e.getMessage(), e);
        }
    }

    /** The same set with its cases replaced (tests force a wrong value this way). */
    public GoldenSet withCases(List<GoldenCase> replaced) {
        return new GoldenSet(generator, torch, replaced);
    }
}
