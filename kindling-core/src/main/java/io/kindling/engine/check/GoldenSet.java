package io.kindling.engine.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
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

    /** The shipped set every run checks (18 small cases, about 0.3 s the first time a process). */
    public static final String SHIPPED = "/io/kindling/engine/golden.json";

    public GoldenSet {
        if (cases == null) {
            throw new IllegalArgumentException("a golden set needs a 'cases' list");
        }
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
     * @throws ConfigException naming the file if it does not exist, cannot be read or is not a
     *     golden set
     */
    public static GoldenSet file(Path path) {
        String accepted =
                "; --golden takes a JSON file written by tools/reference/engine_golden.py"
                        + " (--shipped or --recurrent)";
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("No golden set at " + path + ": no such file" + accepted);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new ObjectMapper().readValue(in, GoldenSet.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    path + " is not a golden set (" + e.getOriginalMessage() + ")" + accepted);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the golden set " + path + ": " + e + accepted);
        }
    }

    /** The same set with its cases replaced (tests force a wrong value this way). */
    public GoldenSet withCases(List<GoldenCase> replaced) {
        return new GoldenSet(generator, torch, replaced);
    }
}
