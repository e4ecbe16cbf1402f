package io.kindling.cli;

import io.kindling.compare.Comparison;
import io.kindling.compare.Variant;
import io.kindling.compare.VariantResult;
import io.kindling.compare.Variants;
import io.kindling.config.ConfigException;
import io.kindling.runfolder.RunFolder;
import io.kindling.train.ConfigKey;
import io.kindling.train.ConfigKey.Group;
import io.kindling.train.PreparedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling compare}: train variants side by side and report why they differ. */
@Command(
        name = "compare",
        description = {
            "Train several variants (by default one per --init) on the same data order"
                    + " per seed, diagnose each at initialization, and write summary.json,"
                    + " report.html (self-contained) and each run's folder under DIR.",
            "",
            "An experiment file may list variants, each overriding keys of the base:",
            "  variants:",
            "    - {label: xavier, init: xavier_normal}",
            "    - {label: he, init: \"kaiming_normal(nonlinearity=relu)\"}",
            "",
            "Examples:",
            "  kindling compare --model \"mlp(depth=30, width=256)\" --init xavier_normal"
                    + " --init \"kaiming_normal(nonlinearity=relu)\" --steps 300",
            "  kindling compare examples/he-vs-xavier.yaml --seeds 2 --out runs/he"
        },
        mixinStandardHelpOptions = true)
final class CompareCommand implements Callable<Integer> {

    /**
     * The base experiment's options; {@code --init} is compare's own (one variant each), and a run
     * logs every 10 steps unless the file says otherwise.
     */
    @Mixin
    ConfigOptions options =
            ConfigOptions.of(Group.MODEL, Group.RUN)
                    .except(ConfigKey.INIT)
                    .file("Base experiment, optionally with a variants: list.")
                    .describe(ConfigKey.SEED, "First seed (default 0).")
                    .describe(ConfigKey.OUT, "Folder (default runs/compare-<time>).")
                    .byDefault(ConfigKey.LOG_EVERY, 10);

    @Option(names = "--init", paramLabel = "EXPR", description = "A variant per initializer.")
    List<String> inits;

    @Option(names = "--seeds", paramLabel = "K", description = "Seeds per variant (default 1).")
    int seeds = 1;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            arity = "0..1",
            fallbackValue = "0",
            description =
                    "Run N runs at once, each in a child process with cores/N threads"
                            + " (no value: as many as cores allow).")
    Integer parallel;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new ConfigException("Bad --seeds " + seeds + "; must be >= 1");
        }
        List<Variant> variants = Variants.of(options.fileValues(), options.overrides(), inits);
        int cores = Runtime.getRuntime().availableProcessors();
        int runs = variants.size() * seeds;
        int at = parallel == null ? 1 : parallel == 0 ? Math.min(cores, runs) : parallel;
        if (at < 1) {
            throw new ConfigException("Bad --parallel " + parallel + "; must be >= 1");
        }
        PreparedRun.startEngine(variants.get(0).spec()); // a refused engine claims no folder
        Object out = options.given(ConfigKey.OUT);
        Path dir = out != null ? (Path) out : RunFolder.claimDefault(Path.of("runs"), "compare");
        List<VariantResult> results = compareInto(dir, variants, at, cores);
        var o = spec.commandLine().getOut();
        String score = results.isEmpty() ? "test_accuracy" : results.get(0).score();
        String accuracyHeader = seeds > 1 ? score + " mean [min, max]" : score;
        // The label column is as wide as the longest label, so long labels keep the columns.
        int width =
                Math.max(28, results.stream().mapToInt(r -> r.label().length()).max().orElse(0));
        String row = "%-" + width + "s %12s %29s %10s  %s%n";
        o.printf(
                Locale.ROOT,
                "%n" + row,
                "variant",
                "train_loss",
                accuracyHeader,
                "diverged",
                "verdict at init");
        for (VariantResult r : results) {
            String accuracy =
                    seeds > 1
                            ? String.format(
                                    Locale.ROOT,
                                    "%.4f [%.4f, %.4f]",
                                    r.testAccuracy(),
                                    r.testAccuracyMin(),
                                    r.testAccuracyMax())
                            : String.format(Locale.ROOT, "%.4f", r.testAccuracy());
            o.printf(
                    Locale.ROOT,
                    row,
                    r.label(),
                    String.format(Locale.ROOT, "%.4f", r.finalTrainLoss()),
                    accuracy,
                    r.diverged(),
                    r.verdict().kind());
        }
        o.println("report: " + dir.resolve("report.html"));
        o.flush();
        return 0;
    }

    /**
     * Trains every run into {@code dir}, then its summary and report ({@link Comparison#runInto}).
     */
    private List<VariantResult> compareInto(Path dir, List<Variant> variants, int at, int cores)
            throws IOException {
        return at == 1
                ? Comparison.runInto(dir, variants, seeds, System.out, Comparison.IN_PROCESS, 1)
                : Comparison.runInto(
                        dir,
                        variants,
                        seeds,
                        System.out,
                        new ChildProcessLauncher(Math.max(1, cores / at)),
                        at);
    }
}
