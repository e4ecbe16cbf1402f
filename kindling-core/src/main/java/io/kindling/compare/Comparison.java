package io.kindling.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.diagnose.Diagnose;
import io.kindling.diagnose.Diagnosis;
import io.kindling.engine.check.EngineMismatchException;
import io.kindling.runfolder.FolderLock;
import io.kindling.runfolder.RunFolderException;
import io.kindling.train.PreparedRun;
import io.kindling.train.Provenance;
import io.kindling.train.TrainRun;
import io.kindling.train.TrainSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs variants one after another, each for the same seeds (so every variant sees the same data
 * order per seed), diagnoses each at initialization, and collects what {@code summary.json} and
 * {@code report.html} show. A variant that diverges (non-finite loss) or fails is reported as
 * diverged, not a crash of the comparison.
 */
public final class Comparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {}

    /** Trains one run into a folder; the comparison reads the folder's metrics afterwards. */
    public interface Launcher {
        /**
         * Trains {@code spec} into {@code dir}.
         *
         * @param spec the run
         * @param dir its run folder
         * @throws Exception if the run fails
         */
        void train(TrainSpec spec, Path dir) throws Exception;
    }

    /** Runs in this process (one at a time: DJL's PyTorch engine allows one autograd tape). */
    public static final Launcher IN_PROCESS = (spec, dir) -> TrainRun.execute(spec, dir, List.of());

    /** What one (variant, seed) run left in its folder. */
    private record Outcome(
            List<double[]> curve,
            double accuracy,
            boolean diverged,
            String failure,
            String score) {}

    /**
     * A whole comparison into {@code out}, as {@code kindling compare} makes it: holds the folder's
     * {@link FolderLock} from the "already holds a comparison" check to the last file written,
     * trains every run ({@link #run}; each run locks its own folder below, in this process or in a
     * child), then writes {@code summary.json} and {@code report.html}.
     *
     * @return one result per variant, in order
     * @throws RunFolderException when {@code out} holds a comparison or another process writes it
     */
    public static List<VariantResult> runInto(
            Path out,
            List<Variant> variants,
            int seeds,
            PrintStream progress,
            Launcher launcher,
            int parallel)
            throws IOException {
        try (FolderLock lock = FolderLock.acquire(out, "compare")) {
            if (Files.exists(out.resolve("summary.json"))) {
                throw new RunFolderException(
                        "Output folder "
                                + out
                                + " already holds a comparison;"
                                + " choose another --out or remove it");
            }
            Instant started = Instant.now();
            List<VariantResult> results = run(variants, seeds, out, progress, launcher, parallel);
            Summary.write(out.resolve("summary.json"), results);
            TrainSpec first = variants.get(0).spec();
            CompareReport.write(
                    out.resolve("report.html"),
                    results,
                    Provenance.of(
                            first,
                            String.valueOf(first.input().data().print()),
                            started,
                            Instant.now()));
            return results;
        }
    }

    /**
     * Runs the comparison in this process, one run after another.
     *
     * @param variants the arms
     * @param seeds how many seeds per variant (seed, seed+1, …)
     * @param out the comparison folder; each variant's runs go to {@code out/<label>/seed-<s>}
     * @param progress where to print one line per run
     * @return one result per variant, in order
     */
    public static List<VariantResult> run(
            List<Variant> variants, int seeds, Path out, PrintStream progress) {
        return run(variants, seeds, out, progress, IN_PROCESS, 1);
    }

    /**
     * Runs the comparison, {@code parallel} runs at a time through {@code launcher}.
     *
     * @param variants the arms
     * @param seeds seeds per variant
     * @param out the comparison folder: its caller, which writes the comparison's own files there
     *     after this returns, holds its {@link FolderLock} throughout ({@link #runInto}; each run
     *     locks its own folder below it, through {@link TrainRun#execute})
     * @param progress where to print one line per finished run
     * @param launcher how a run is trained (in process, or in a child process for parallel runs)
     * @param parallel runs at a time (1 for one after another)
     * @return one result per variant, in order
     */
    public static List<VariantResult> run(
            List<Variant> variants,
            int seeds,
            Path out,
            PrintStream progress,
            Launcher launcher,
            int parallel) {
        preflight(variants);
        int total = variants.size() * seeds;
        Outcome[][] outcomes = new Outcome[variants.size()][seeds];
        AtomicInteger done = new AtomicInteger();
        List<Runnable> jobs = new ArrayList<>();
        for (int vi = 0; vi < variants.size(); vi++) {
            Variant v = variants.get(vi);
            for (int s = 0; s < seeds; s++) {
                int vIndex = vi;
                int sIndex = s;
                TrainSpec spec = v.spec().withSeed(v.spec().execution().seed() + s);
                Path dir = out.resolve(safe(v.label())).resolve("seed-" + spec.execution().seed());
                jobs.add(
                        () -> {
                            Outcome o = runOne(launcher, spec, dir);
                            outcomes[vIndex][sIndex] = o;
                            synchronized (progress) {
                                progress.printf(
                                        Locale.ROOT,
                                        "[%d/%d] %s seed %d: %s%n",
                                        done.incrementAndGet(),
                                        total,
                                        v.label(),
                                        spec.execution().seed(),
                                        o.failure() != null
                                                ? "failed: " + o.failure()
                                                : String.format(
                                                        Locale.ROOT,
                                                        "%s %.4f%s",
                                                        o.score(),
                                                        o.accuracy(),
                                                        o.diverged() ? " (diverged)" : ""));
                            }
                        });
            }
        }
        runAll(jobs, parallel);
        List<VariantResult> results = new ArrayList<>();
        for (int vi = 0; vi < variants.size(); vi++) {
            Variant v = variants.get(vi);
            List<Long> seedList = new ArrayList<>();
            List<List<double[]>> curves = new ArrayList<>();
            List<Double> accuracies = new ArrayList<>();
            List<SeedRun> runs = new ArrayList<>();
            boolean diverged = false;
            String failure = null;
            for (int s = 0; s < seeds; s++) {
                Outcome o = outcomes[vi][s];
                seedList.add(v.spec().execution().seed() + s);
                runs.add(
                        new SeedRun(
                                v.spec().execution().seed() + s,
                                o.diverged() ? Double.NaN : tailMean(o.curve()),
                                o.accuracy(),
                                o.diverged()));
                if (o.failure() == null) {
                    curves.add(o.curve());
                    accuracies.add(o.accuracy());
                } else {
                    failure = o.failure();
                }
                diverged |= o.diverged();
            }
            Diagnosis d = Diagnose.of(v.spec());
            List<double[]> curve = meanCurve(curves);
            results.add(
                    new VariantResult(
                            v.label(),
                            v.spec().describe(),
                            seedList,
                            diverged ? Double.NaN : tailMean(curve),
                            mean(accuracies),
                            std(accuracies),
                            diverged,
                            curve,
                            d.layers(),
                            d.verdict(),
                            failure,
                            band(curves),
                            runs,
                            d.blocks(),
                            score(outcomes[vi])));
        }
        return results;
    }

    /** The score the seeds that finished were measured by ({@value #ACCURACY} if none). */
    private static String score(Outcome[] outcomes) {
        for (Outcome o : outcomes) {
            if (o != null && o.failure() == null) {
                return o.score();
            }
        }
        return ACCURACY;
    }

    /**
     * Builds and initializes every variant once before any training, so that a bad variant (an
     * initializer that does not fit the model, a missing dataset) is an error up front, not after
     * the other variants have trained.
     *
     * @param variants the arms
     */
    public static void preflight(List<Variant> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("Nothing to compare: the variant list is empty");
        }
        for (Variant v : variants) {
            try (PreparedRun prepared = new PreparedRun(v.spec())) {
                prepared.model();
            } catch (EngineMismatchException e) {
                throw e; // the engine, not the variant: its own message says what to do
            } catch (RuntimeException e) {
                throw new ConfigException(
                        "Variant '" + v.label() + "' cannot be built: " + e.getMessage());
            }
        }
    }

    private static Outcome runOne(Launcher launcher, TrainSpec spec, Path dir) {
        try {
            launcher.train(spec, dir);
            List<double[]> curve = lossCurve(dir.resolve("metrics.jsonl"));
            boolean diverged =
                    curve.stream().anyMatch(p -> !Double.isFinite(p[1]))
                            || Files.readString(dir.resolve("metrics.jsonl"))
                                    .contains("non_finite_loss");
            Path metrics = dir.resolve("metrics.jsonl");
            String score = scoreName(metrics);
            return new Outcome(curve, lastScore(metrics, score), diverged, null, score);
        } catch (Exception e) {
            return new Outcome(
                    List.of(),
                    Double.NaN,
                    true,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    ACCURACY);
        }
    }

    private static void runAll(List<Runnable> jobs, int parallel) {
        if (parallel <= 1) {
            jobs.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = jobs.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("comparison interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The score of a classification run. */
    static final String ACCURACY = "test_accuracy";

    /** The score of a regression or forecast run (its evaluation's headline, lower is better). */
    static final String RMSE = "test_rmse";

    /** {@value #RMSE} when the run logged it (a regression), else {@value #ACCURACY}. */
    private static String scoreName(Path metrics) throws IOException {
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n = JSON.readTree(line);
            if (n.has(ACCURACY)) {
                return ACCURACY;
            }
            if (n.has(RMSE)) {
                return RMSE;
            }
        }
        return ACCURACY;
    }

    private static double lastScore(Path metrics, String score) throws IOException {
        double value = Double.NaN;
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n = JSON.readTree(line);
            if (n.has(score)) {
                value = n.get(score).asDouble();
            }
        }
        return value;
    }

    /** The folder name of a variant: its label with anything but [A-Za-z0-9._-] as "_". */
    static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** The logged training losses of a run folder's metrics as {@code [[step, loss], ...]}. */
    static List<double[]> lossCurve(Path metrics) {
        List<double[]> curve = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(metrics)) {
                JsonNode n = JSON.readTree(line);
                if (n.has("train_loss")) {
                    curve.add(
                            new double[] {
                                n.get("step").asDouble(), n.get("train_loss").asDouble()
                            });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return curve;
    }

    /** Mean loss per step over the seeds' curves (steps present in every curve). */
    static List<double[]> meanCurve(List<List<double[]>> curves) {
        TreeMap<Double, double[]> sum = new TreeMap<>();
        for (List<double[]> c : curves) {
            for (double[] p : c) {
                sum.computeIfAbsent(p[0], k -> new double[2]);
                sum.get(p[0])[0] += p[1];
                sum.get(p[0])[1] += 1;
            }
        }
        List<double[]> mean = new ArrayList<>();
        sum.forEach(
                (step, acc) -> {
                    if (acc[1] == curves.size()) {
                        mean.add(new double[] {step, acc[0] / acc[1]});
                    }
                });
        return mean;
    }

    /** Min and max loss per step over the seeds' curves (steps present in every curve). */
    static List<double[]> band(List<List<double[]>> curves) {
        TreeMap<Double, double[]> acc = new TreeMap<>();
        for (List<double[]> c : curves) {
            for (double[] p : c) {
                double[] a =
                        acc.computeIfAbsent(
                                p[0],
                                k ->
                                        new double[] {
                                            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0
                                        });
                a[0] = Math.min(a[0], p[1]);
                a[1] = Math.max(a[1], p[1]);
                a[2]++;
            }
        }
        List<double[]> out = new ArrayList<>();
        acc.forEach(
                (step, a) -> {
                    if (a[2] == curves.size()) {
                        out.add(new double[] {step, a[0], a[1]});
                    }
                });
        return out;
    }

    /** Mean of the last 10% (at least one) of the curve's points. */
    static double tailMean(List<double[]> curve) {
        if (curve.isEmpty()) {
            return Double.NaN;
        }
        int n = Math.max(1, curve.size() / 10);
        double s = 0;
        for (int i = curve.size() - n; i < curve.size(); i++) {
            s += curve.get(i)[1];
        }
        return s / n;
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double std(List<Double> v) {
        double m = mean(v);
        return Math.sqrt(
                v.stream().mapToDouble(x -> (x - m) * (x - m)).average().orElse(Double.NaN));
    }
}
