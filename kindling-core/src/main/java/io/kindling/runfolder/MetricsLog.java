package io.kindling.runfolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends one JSON object per metrics record to {@code metrics.jsonl}, flushed line by line so a
 * crash never leaves a half-written record behind the last complete line.
 */
public final class MetricsLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;

    /** Opens (creating or appending to) the log file. */
    public MetricsLog(Path file) {
        try {
            this.out =
                    Files.newBufferedWriter(
                            file,
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one record as a JSON line and flushes it. */
    public void write(Map<String, Object> record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the complete records of {@code file} whose {@code step} is at most {@code step},
     * rewriting it atomically (for a run resuming from the checkpoint at that step: later records
     * were made by the interrupted process and will be made again; a torn last line from a kill
     * mid-write is dropped).
     *
     * @return how many lines were dropped
     */
    public static int truncateAfter(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        int dropped = 0;
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                dropped++;
                break;
            }
            String line = text.substring(from, end);
            from = end + 1;
            try {
                var node = JSON.readTree(line);
                if (node.path("step").asLong(Long.MAX_VALUE) <= step) {
                    kept.append(line).append('\n');
                    continue;
                }
            } catch (IOException e) {
                // a damaged line is dropped like a later one
            }
            dropped++;
        }
        if (dropped > 0) {
            AtomicFile.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
        }
        return dropped;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
