package io.kindling.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.runfolder.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The files a study writes beside its database, views of it: {@code trials.csv} (one row per trial:
 * {@code number,state,value,duration_s,failure}, then one column per parameter, empty where
 * inactive; {@code failure} says why a FAIL trial failed) and {@code best.json} ({@code {"number",
 * "value", "params", "config"}}).
 */
public final class TuneOutputs {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TuneOutputs() {}

    /** Writes {@code trials.csv}. */
    public static void writeCsv(Path file, Study study) {
        StringBuilder s = new StringBuilder("number,state,value,duration_s,failure");
        for (Param p : study.space().params()) {
            s.append(',').append(csv(p.name()));
        }
        s.append('\n');
        for (Trial t : study.trials()) {
            s.append(t.number())
                    .append(',')
                    .append(t.state())
                    .append(',')
                    .append(t.value() == null ? "" : repr(t.value()))
                    .append(',')
                    .append(
                            Double.isNaN(t.durationSeconds())
                                    ? ""
                                    : String.format(Locale.ROOT, "%.3f", t.durationSeconds()))
                    .append(',')
                    .append(t.failure() == null ? "" : csv(t.failure()));
            for (Param p : study.space().params()) {
                Double v = t.params().get(p.name());
                s.append(',').append(v == null ? "" : csv(p.distribution().display(v)));
            }
            s.append('\n');
        }
        try {
            AtomicFile.write(file, s.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code best.json} for the best complete trial (nothing when there is none).
     *
     * @param config the trial's configuration (an expression, or a map of keys)
     * @return the best trial, or null
     */
    public static Trial writeBest(Path file, Study study, Function<Trial, Object> config) {
        Trial best = study.best();
        if (best == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", best.number());
        m.put("value", best.value());
        m.put("params", params(study.space(), best));
        m.put("config", config.apply(best));
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return best;
    }

    /** A trial's parameters as JSON values: numbers as numbers, choices by label. */
    static Map<String, Object> params(SearchSpace space, Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : space.params()) {
            Double v = t.params().get(p.name());
            if (v == null) {
                continue;
            }
            Object shown =
                    p.distribution() instanceof CategoricalDistribution c
                            ? c.display(v)
                            : p.distribution() instanceof IntDistribution
                                    ? (Object) Math.round(v)
                                    : (Object) v;
            m.put(p.name(), shown);
        }
        return m;
    }

    private static String repr(double v) {
        return Double.toString(v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }
}
