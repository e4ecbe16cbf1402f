package io.kindling.cli;

import io.kindling.compare.CompareReport;
import io.kindling.compare.Comparison;
import io.kindling.compare.Summary;
import io.kindling.compare.Variant;
import io.kindling.compare.VariantResult;
import io.kindling.compare.Variants;
import io.kindling.config.ConfigException;
import io.kindling.train.Provenance;
import io.kindling.runfolder.RunFolderException;
import io.kindling.train.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kindling compare}: train variants side by side and report why they differ. */
@Command(name = "compare",
        description = {"Train several variants (by default one per --init) on the same data order"
                + " per seed, diagnose each at initialization, and write summary.json,"
                + " report.html (self-contained) and each run's folder under DIR.", "",
            "An experiment file may list variants, each overriding keys of the base:",
            "  variants:",
            "    - {label: xavier, init: xavier_normal}",
            "    - {label: he, init: \"kaiming_normal(nonlinearity=relu)\"}", "",
            "Examples:",
            "  kindling compare --model \"mlp(depth=30, width=256)\" --init xavier_normal"
                + " --init \"kaiming_normal(nonlinearity=relu)\" --steps 300",
            "  kindling compare examples/he-vs-xavier.yaml --seeds 2 --out runs/he"},
        mixinStandardHelpOptions = true)
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "EXPERIMENT.yaml",
            description = "Base experiment, optionally with a variants: list.")
    Path experiment;

    @Option(names = "--init", paramLabel = "EXPR", description = "A variant per initializer.")
    List<String> inits;

    @Option(names = "--model", paramLabel = "EXPR", description = "Model expression.")
    String model;

    @Option(names = "--optimizer", paramLabel = "EXPR", description = "Optimizer expression.")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "EXPR", description = "Learning-rate schedule.")
    String schedule;

    @Option(names = "--data", paramLabel = "EXPR", description = "Dataset.")
    String data;

    @Option(names = "--steps", paramLabel = "N", description = "Steps per run.")
    Integer steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs per run.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--seeds", paramLabel = "K", description = "Seeds per variant (default 1).")
    int seeds = 1;

    @Option(names = "--seed", paramLabel = "S", description = "First seed (default 0).")
    Integer seed;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch intra-op threads.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder (default runs/compare-<time>).")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", arity = "0..1", fallbackValue = "0",
            description = "Run N runs at once, each in a child process with cores/N threads"
                    + " (no value: as many as cores allow).")
    Integer parallel;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new ConfigException("Bad --seeds " + seeds + "; must be >= 1");
        }
        Map<String, Object> base = experiment == null ? new LinkedHashMap<>()
                : Experiment.readYaml(experiment);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("model", model);
        overrides.put("optimizer", optimizer);
        overrides.put("schedule", schedule);
        overrides.put("data", data);
        overrides.put("steps", steps);
        overrides.put("epochs", epochs);
        overrides.put("batch", batch);
        overrides.put("seed", seed);
        overrides.put("threads", threads);
        if (base.get("log_every") == null) {
            overrides.put("log_every", 10);
        }
        List<Variant> variants = Variants.of(base, overrides, inits);
        Path dir = out != null ? out : Path.of("runs", "compare-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(dir.resolve("summary.json"))) {
            throw new RunFolderException("Output folder " + dir + " already holds a comparison;"
                    + " choose another --out or remove it");
        }
        Instant started = Instant.now();
        int cores = Runtime.getRuntime().availableProcessors();
        int runs = variants.size() * seeds;
        int at = parallel == null ? 1 : parallel == 0 ? Math.min(cores, runs) : parallel;
        if (at < 1) {
            throw new ConfigException("Bad --parallel " + parallel + "; must be >= 1");
        }
        List<VariantResult> results = at == 1
                ? Comparison.run(variants, seeds, dir, System.out)
                : Comparison.run(variants, seeds, dir, System.out,
                        new ChildProcessLauncher(Math.max(1, cores / at)), at);
        Files.createDirectories(dir);
        Summary.write(dir.resolve("summary.json"), results);
        Map<String, Object> provenance = Provenance.of(variants.get(0).spec(),
                String.valueOf(variants.get(0).spec().data().print()), started, Instant.now());
        CompareReport.write(dir.resolve("report.html"), results, provenance);
        var o = spec.commandLine().getOut();
        String accuracyHeader = seeds > 1 ? "test_accuracy mean [min, max]" : "test_accuracy";
        o.printf(Locale.ROOT, "%n%-28s %12s %29s %10s  %s%n", "variant", "train_loss",
                accuracyHeader, "diverged", "verdict at init");
        for (VariantResult r : results) {
            String accuracy = seeds > 1
                    ? String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", r.testAccuracy(),
                            r.testAccuracyMin(), r.testAccuracyMax())
                    : String.format(Locale.ROOT, "%.4f", r.testAccuracy());
            o.printf(Locale.ROOT, "%-28s %12.4f %29s %10s  %s%n", r.label(),
                    r.finalTrainLoss(), accuracy, r.diverged(), r.verdict().kind());
        }
        o.println("report: " + dir.resolve("report.html"));
        o.flush();
        return 0;
    }
}
