package io.kindling.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kindling.config.ConfigException;
import io.kindling.data.FoldSpec;
import io.kindling.runfolder.AtomicFile;
import io.kindling.runfolder.FolderLock;
import io.kindling.runfolder.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stratified k-fold cross-validation: K runs of the same spec, run {@code k} holding out fold
 * {@code k} of the training split as its validation split ({@link FoldSpec}), each in its own run
 * folder {@code fold-k/}, and a summary of every final metric as mean ± std over the folds ({@code
 * cv.json}). The std is the population std over folds (numpy's default, as scikit-learn's examples
 * report {@code scores.std()}).
 */
public final class CrossValidation {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CrossValidation() {}

    /**
     * The outcome.
     *
     * @param folds each fold's result, fold 1 first
     * @param metrics per final metric (val_* and test_*): {@code [mean, std]}
     */
    public record Result(List<TrainResult> folds, Map<String, double[]> metrics) {}

    /**
     * Runs every fold, one after another.
     *
     * @param spec the run (its {@code validation} must be 0 or automatic: the folds provide it, and
     *     monitors follow the fold's {@code val_*})
     * @param folds number of folds, at least 2
     * @param out folder for {@code fold-1/} … and {@code cv.json}; locked ({@link FolderLock})
     *     until the last fold ends, each fold's folder by its own run
     * @param sinks progress sinks for each run
     * @param callbacks callbacks for each run
     */
    public static Result run(
            TrainSpec spec,
            int folds,
            Path out,
            List<TrainEvents> sinks,
            List<Callback> callbacks) {
        if (folds < 2) {
            throw new ConfigException("--folds must be >= 2, got " + folds);
        }
        if (spec.input().validation() > 0 && !spec.input().validationAuto()) {
            throw new ConfigException(
                    "cross-validation holds out each fold as the validation"
                            + " split; remove validation="
                            + spec.input().validation());
        }
        PreparedRun.startEngine(spec); // a refused engine leaves no folder behind
        try (FolderLock lock = FolderLock.acquire(out, "cv")) {
            RunFolder.create(out);
            return runFolds(spec, folds, out, sinks, callbacks);
        }
    }

    private static Result runFolds(
            TrainSpec spec,
            int folds,
            Path out,
            List<TrainEvents> sinks,
            List<Callback> callbacks) {
        List<TrainResult> results = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int k = 1; k <= folds; k++) {
            TrainSpec fold =
                    spec.withData(
                            new FoldSpec(spec.input().data(), k, folds, spec.execution().seed()));
            TrainResult r = TrainRun.execute(fold, out.resolve("fold-" + k), sinks, callbacks);
            results.add(r);
            if (r.stopReason() != null && r.stopReason().equals(StopSignal.REASON)) {
                break;
            }
            if (r.validation() != null) {
                r.validation().metrics().forEach((name, v) -> add(values, name, v));
            }
            if (r.test() != null) {
                r.test().metrics().forEach((name, v) -> add(values, name, v));
            }
        }
        Map<String, double[]> summary = new LinkedHashMap<>();
        values.forEach((name, list) -> summary.put(name, meanStd(list)));
        write(out.resolve("cv.json"), spec, folds, results, summary);
        return new Result(results, summary);
    }

    private static void add(Map<String, List<Double>> values, String name, Object v) {
        if (v instanceof Number n) {
            values.computeIfAbsent(name, x -> new ArrayList<>()).add(n.doubleValue());
        }
    }

    /** Mean and population standard deviation. */
    static double[] meanStd(List<Double> xs) {
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / xs.size();
        return new double[] {mean, Math.sqrt(var)};
    }

    private static void write(
            Path file,
            TrainSpec spec,
            int folds,
            List<TrainResult> results,
            Map<String, double[]> summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("folds", folds);
        Map<String, Object> config = spec.describe();
        if (spec.input().validationAuto()) { // each fold's own validation part serves the monitors
            config.remove("validation");
            config.remove("validation_auto");
        }
        m.put("config", config);
        List<Map<String, Object>> perFold = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fold", k + 1);
            f.put("run", "fold-" + (k + 1));
            TrainResult r = results.get(k);
            if (r.validation() != null) {
                f.putAll(r.validation().metrics());
            }
            if (r.test() != null) {
                f.putAll(r.test().metrics());
            }
            perFold.add(f);
        }
        m.put("per_fold", perFold);
        Map<String, Object> s = new LinkedHashMap<>();
        summary.forEach((name, ms) -> s.put(name, Map.of("mean", ms[0], "std", ms[1])));
        m.put("summary", s);
        try {
            AtomicFile.write(file, JSON.writeValueAsBytes(m));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
