package io.kindling.api;

import io.kindling.compare.Comparison;
import io.kindling.compare.Variant;
import io.kindling.compare.Variants;
import io.kindling.config.Args;
import io.kindling.config.ConfigException;
import io.kindling.diagnose.Diagnose;
import io.kindling.diagnose.Diagnosis;
import io.kindling.init.Initializer;
import io.kindling.init.Initializers;
import io.kindling.init.PlanRow;
import io.kindling.runfolder.RunFolderException;
import io.kindling.train.Experiment;
import io.kindling.train.PreparedRun;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainRun;
import io.kindling.train.TrainSpec;
import io.kindling.tune.Direction;
import io.kindling.tune.Study;
import io.kindling.tune.Tune;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Kindling from Java: each thing the {@code kindling} command does, as one call over the same
 * objects. An experiment is the YAML a run folder's {@code config.yaml} holds (or a map of the same
 * keys); {@link Experiment#resolve()} checks it and gives the {@link TrainSpec} every other call
 * takes.
 *
 * <pre>{@code
 * TrainSpec spec = Kindling.experiment("""
 *         model: mlp(depth=30, width=256)
 *         init: kaiming_normal(nonlinearity=relu)
 *         data: fashion-mnist(source=subset)
 *         steps: 300
 *         """).resolve();
 * Kindling.plan(spec).forEach(row -> System.out.println(row.parameter() + " " + row.initializer()));
 * System.out.println(Kindling.diagnose(spec).verdict().kind());    // healthy
 * TrainResult result = Kindling.train(spec, Path.of("runs/he"));    // a run folder, as `train`
 * }</pre>
 *
 * Run the JVM with {@code -Dai.djl.offline=true} where nothing may be downloaded (the PyTorch
 * native library then comes from the Maven dependency); no other flag is needed.
 */
public final class Kindling {

    private Kindling() {}

    /**
     * An experiment from YAML text, e.g. {@code "model: mlp(depth=3)\ninit: orthogonal"}.
     *
     * @throws ConfigException naming an unknown key or a malformed value
     */
    public static Experiment experiment(String yaml) {
        return new Experiment(Experiment.readYaml(yaml, "The experiment"));
    }

    /** An experiment file, e.g. {@code examples/he-vs-xavier.yaml} (without its variants). */
    public static Experiment experiment(Path file) {
        return Experiment.fromYaml(file);
    }

    /** An experiment from keys and values, e.g. {@code Map.of("model", "mlp(depth=3)")}. */
    public static Experiment experiment(Map<String, Object> values) {
        return new Experiment(values);
    }

    /**
     * One rule of an init plan, for {@link #experiment(Map)}: parameters {@code match} selects
     * (e.g. {@code "role=bias"}, {@code "layer=linear & last"}, {@code "*"}) start from {@code
     * init}; the first rule that matches wins.
     *
     * <pre>{@code
     * TrainSpec spec = Kindling.experiment(Map.of(
     *         "model", "mlp(depth=20, width=128)",
     *         "init", List.of(
     *                 Kindling.rule("role=bias", "zeros"),
     *                 Kindling.rule("layer=linear & last", "xavier_uniform"),
     *                 Kindling.rule("*", "kaiming_normal(nonlinearity=relu)")),
     *         "data", "fashion-mnist(source=subset)")).resolve();
     * }</pre>
     */
    public static Map<String, Object> rule(String match, String init) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("match", match);
        rule.put("init", init);
        return rule;
    }

    /**
     * Builds and initializes the model (data-dependent inits included, on a real batch) and gives
     * one row per parameter, as {@code kindling plan}: shape, fans, the rule that matched, the
     * initializer, the std it targets and the std the tensor has.
     */
    public static List<PlanRow> plan(TrainSpec spec) {
        try (PreparedRun run = new PreparedRun(spec)) {
            return PlanRow.of(run.plan());
        }
    }

    /**
     * Diagnoses the initialization on one batch, as {@code kindling diagnose}: per-layer activation
     * and gradient statistics and a verdict ({@code healthy}, {@code vanishing}, {@code exploding},
     * …) with its evidence and advice.
     */
    public static Diagnosis diagnose(TrainSpec spec) {
        return Diagnose.of(spec);
    }

    /**
     * Trains into a new run folder, as {@code kindling train}: {@code config.yaml}, {@code
     * metrics.jsonl}, TensorBoard files, checkpoints when the spec asks for them. The folder is
     * locked while it is written.
     *
     * @throws RunFolderException when the folder holds a run or another process writes it
     */
    public static TrainResult train(TrainSpec spec, Path out) {
        return TrainRun.execute(spec, out, List.of());
    }

    /**
     * Compares initializers on one experiment, as {@code kindling compare --init A --init B --seeds
     * N}: every variant trains on the same data order per seed and is diagnosed at initialization;
     * {@code out} gets a run folder per variant and seed, {@code summary.json} ({@link
     * ComparisonSummary#read}) and {@code report.html}.
     *
     * @param base the experiment every variant starts from
     * @param inits one initializer expression per variant, e.g. {@code xavier_normal}
     * @param seeds seeds per variant (the experiment's seed and the next ones)
     * @param out the comparison folder (must not hold a comparison)
     * @param progress one line per finished run, or null
     * @return what {@code summary.json} holds
     */
    public static ComparisonSummary compare(
            Experiment base, List<String> inits, int seeds, Path out, PrintStream progress) {
        if (seeds < 1) {
            throw new ConfigException("Bad seeds " + seeds + "; must be >= 1");
        }
        List<Variant> variants = Variants.of(base.values(), Map.of(), inits);
        PrintStream sink =
                progress != null ? progress : new PrintStream(OutputStream.nullOutputStream());
        try {
            Comparison.runInto(out, variants, seeds, sink, Comparison.IN_PROCESS, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ComparisonSummary.read(out.resolve("summary.json"));
    }

    /**
     * Searches the experiment's {@code search:} mapping, as {@code kindling tune}: TPE, no pruner,
     * minimizing {@code val_loss}, the study in {@code out/study.db} with {@code trials.csv},
     * {@code best.json} and {@code report.html} beside it.
     *
     * @param experimentWithSearch the experiment's keys, its {@code search:} mapping included
     * @param trials trials the study should hold (failed ones not counted)
     * @param out the study folder (a study there is continued)
     * @return the study as stored at the end; {@link Study#best()} is the best trial
     */
    public static Study tune(Map<String, Object> experimentWithSearch, int trials, Path out) {
        return Tune.run(
                new Tune.Request(
                        out,
                        "study",
                        "tpe",
                        "none",
                        trials,
                        0,
                        Direction.MINIMIZE,
                        "val_loss",
                        true,
                        false,
                        10_000,
                        false,
                        null,
                        new LinkedHashMap<>(experimentWithSearch)),
                null);
    }

    /**
     * Registers an initializer under {@code name}, so every expression — {@code init:}, a plan
     * rule, {@code --init}, a comparison's variant — can name it. Its arguments come as {@link
     * Args} ({@code a.number("std", 0.01)}); the initializer's {@code toExpr()} gives its text form
     * back.
     *
     * <p>Register at start-up, before runs start on other threads: the registry is read without
     * locks.
     *
     * @param name its registry name, e.g. {@code scaled_normal}
     * @param summary one line: what it does and its defaults (shown by {@code kindling list})
     * @param factory arguments → the initializer
     * @throws IllegalArgumentException when the name is taken
     */
    public static void registerInitializer(
            String name, String summary, Function<Args, Initializer> factory) {
        Initializers.REGISTRY.register(name, summary, factory);
    }
}
