package io.kindling.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.train.TrainEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Appends one JSON object per metrics record to {@code metrics.jsonl}, flushed line by line
 * so a crash never leaves a half-written record behind the last complete line.
 */
public final class MetricsLog implements TrainEvents, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Writer out;

    /** Opens (creating or appending to) the log file. */
    public MetricsLog(Path file) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onRecord(Map<String, Object> record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
