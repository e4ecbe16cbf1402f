package io.kindling.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.diagnose.Diagnose;
import io.kindling.diagnose.Diagnosis;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainRun;
import io.kindling.train.TrainSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Runs variants one after another, each for the same seeds (so every variant sees the same
 * data order per seed), diagnoses each at initialization, and collects what
 * {@code summary.json} and {@code report.html} show. A variant that diverges (non-finite loss)
 * or fails is reported as diverged, not a crash of the comparison.
 */
public final class Comparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Comparison() {}

    /**
     * Runs the comparison.
     *
     * @param variants the arms
     * @param seeds how many seeds per variant (seed, seed+1, …)
     * @param out the comparison folder; each variant's runs go to {@code out/<label>/seed-<s>}
     * @param progress where to print one line per run
     * @return one result per variant, in order
     */
    public static List<VariantResult> run(List<Variant> variants, int seeds, Path out,
            PrintStream progress) {
        List<VariantResult> results = new ArrayList<>();
        int done = 0;
        int total = variants.size() * seeds;
        for (Variant v : variants) {
            List<Long> seedList = new ArrayList<>();
            List<List<double[]>> curves = new ArrayList<>();
            List<Double> accuracies = new ArrayList<>();
            boolean diverged = false;
            String failure = null;
            for (int s = 0; s < seeds; s++) {
                TrainSpec spec = withSeed(v.spec(), v.spec().seed() + s);
                seedList.add(spec.seed());
                Path dir = out.resolve(safe(v.label())).resolve("seed-" + spec.seed());
                done++;
                try {
                    TrainResult r = TrainRun.execute(spec, dir, List.of());
                    curves.add(lossCurve(dir.resolve("metrics.jsonl")));
                    accuracies.add(r.test() == null ? Double.NaN : r.test().accuracy());
                    diverged |= !Double.isFinite(r.finalTrainLoss());
                    progress.printf(Locale.ROOT, "[%d/%d] %s seed %d: test_accuracy %.4f%s%n",
                            done, total, v.label(), spec.seed(), accuracies.get(s),
                            Double.isFinite(r.finalTrainLoss()) ? "" : " (diverged)");
                } catch (RuntimeException e) {
                    diverged = true;
                    failure = e.getMessage();
                    progress.printf(Locale.ROOT, "[%d/%d] %s seed %d failed: %s%n", done, total,
                            v.label(), spec.seed(), e.getMessage());
                }
            }
            Diagnosis d = Diagnose.of(v.spec());
            List<double[]> curve = meanCurve(curves);
            results.add(new VariantResult(v.label(), v.spec().describe(), seedList,
                    diverged ? Double.NaN : tailMean(curve), mean(accuracies), std(accuracies),
                    diverged, curve, d.layers(), d.verdict(), failure));
        }
        return results;
    }

    static TrainSpec withSeed(TrainSpec s, long seed) {
        return new TrainSpec(s.model(), s.init(), s.optimizer(), s.data(), s.budget(),
                s.batchSize(), seed, s.threads(), s.logEvery(), s.standardize(), s.schedule(),
                s.plateau());
    }

    private static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    private static List<double[]> lossCurve(Path metrics) {
        List<double[]> curve = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(metrics)) {
                JsonNode n = JSON.readTree(line);
                if (n.has("train_loss")) {
                    curve.add(new double[] {n.get("step").asDouble(),
                        n.get("train_loss").asDouble()});
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
        sum.forEach((step, acc) -> {
            if (acc[1] == curves.size()) {
                mean.add(new double[] {step, acc[0] / acc[1]});
            }
        });
        return mean;
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
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).average()
                .orElse(Double.NaN));
    }
}
