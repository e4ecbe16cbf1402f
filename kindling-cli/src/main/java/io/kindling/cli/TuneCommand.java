package io.kindling.cli;

import io.kindling.config.ConfigException;
import io.kindling.runfolder.RunFolder;
import io.kindling.train.Experiment;
import io.kindling.tune.Direction;
import io.kindling.tune.Study;
import io.kindling.tune.StudyStatus;
import io.kindling.tune.TestFunction;
import io.kindling.tune.Trial;
import io.kindling.tune.Tune;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kindling tune}: hyper-parameter search over an experiment's search: mapping. */
@Command(
        name = "tune",
        description = {
            "Search hyper-parameters: run trials of the experiment with the values"
                    + " its search: mapping marks, kept in OUT/study.db (SQLite); write trials.csv,"
                    + " best.json and report.html.",
            "",
            "  search:",
            "    init: choice(options=[kaiming_normal, orthogonal(gain=float(low=0.5, high=2))])",
            "    optimizer.lr: float(low=1e-3, high=0.3, log=true)",
            "",
            "Examples:",
            "  kindling tune examples/tune-init.yaml --trials 30 --pruner median --out runs/tune",
            "  kindling tune examples/tune-init.yaml --out runs/tune --resume --retry-failed",
            "  kindling tune --objective branin --sampler tpe --trials 100 --seed 1 --out runs/b",
            "  kindling tune --status runs/tune"
        },
        mixinStandardHelpOptions = true)
final class TuneCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "EXPERIMENT.yaml",
            description = "Experiment file with a search: mapping.")
    Path file;

    @Option(
            names = "--objective",
            paramLabel = "EXPR",
            description =
                    "A built-in test function instead of training: branin, hartmann6,"
                            + " rosenbrock(dim=N).")
    String objective;

    @Option(
            names = "--sampler",
            paramLabel = "EXPR",
            description =
                    "grid, random, sobol or" + " tpe (default), e.g. \"tpe(multivariate=false)\".")
    String sampler = "tpe";

    @Option(
            names = "--pruner",
            paramLabel = "EXPR",
            description =
                    "none (default), median,"
                            + " asha(grace_period=1, reduction_factor=4) or hyperband(min_resource=1).")
    String pruner = "none";

    @Option(
            names = "--trials",
            paramLabel = "N",
            description =
                    "Trials the study should hold," + " failed ones not counted (default 20).")
    int trials = 20;

    @Option(names = "--seed", paramLabel = "S", description = "The sampler's seed (default 0).")
    long seed;

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            description =
                    "Evaluation metric to"
                            + " optimize (default val_loss; e.g. val_accuracy with --direction maximize).")
    String metric = "val_loss";

    @Option(
            names = "--direction",
            paramLabel = "D",
            description = "minimize (default) or" + " maximize.")
    String direction = "minimize";

    @Option(
            names = "--study",
            paramLabel = "NAME",
            description = "The study's name in the" + " database (default study).")
    String study = "study";

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Study folder (default" + " runs/tune-<time>).")
    Path out;

    @Option(
            names = "--resume",
            description =
                    "Continue the study in --out: finished trials are kept, trials a dead"
                            + " process left"
                            + " RUNNING are marked FAIL, paused trials the pruner promotes continue"
                            + " from their checkpoints.")
    boolean resume;

    @Option(
            names = "--retry-failed",
            description =
                    "Run a trial found dead (its process gone, or its heartbeat stale) again with"
                            + " the same parameters.")
    boolean retryFailed;

    @Option(
            names = "--heartbeat",
            paramLabel = "SECONDS",
            description =
                    "How often a running"
                            + " trial says it is alive (default 10); three missed beats mark it dead.")
    double heartbeat = 10;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description =
                    "Run N trials at once, each"
                            + " process a child JVM with cores/N threads sharing the study database.")
    int parallel = 1;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads per trial.")
    Integer threads;

    @Option(
            names = "--status",
            paramLabel = "OUT",
            description =
                    "Print the state of the study in OUT (trials by state, the best, running"
                            + " trials and whether their processes are alive, failed trials and"
                            + " why) without changing it, and exit.")
    Path status;

    @Option(names = "--quiet", description = "Print only the result.")
    boolean quiet;

    @Option(
            names = "--join",
            description =
                    "Run trials of the study another kindling tune holds in --out (from another"
                            + " terminal or machine sharing the folder), without its lock and"
                            + " without writing its outputs; the holder writes them.")
    boolean join;

    @Option(
            names = "--worker",
            hidden = true,
            description = "Run trials only (a child of" + " --parallel).")
    boolean worker;

    @Override
    public Integer call() throws Exception {
        if (status != null) {
            System.out.print(StudyStatus.of(Tune.database(status), study));
            return 0;
        }
        if (join && out == null) {
            throw new ConfigException("--join needs the --out folder of the study to join");
        }
        Path dir = out != null ? out : RunFolder.claimDefault(Path.of("runs"), "tune");
        if (parallel < 1) {
            throw new ConfigException("Bad --parallel " + parallel + "; must be >= 1");
        }
        if (heartbeat <= 0) {
            throw new ConfigException("Bad --heartbeat " + heartbeat + "; must be > 0 seconds");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Integer trialThreads =
                threads != null
                        ? threads
                        : parallel > 1 ? Integer.valueOf(Math.max(1, cores / parallel)) : null;
        PrintStream log = quiet ? null : System.out;
        Tune.Request request = request(dir, trialThreads);
        Study result;
        if (parallel > 1 && !worker && !join) {
            result = Tune.parallel(request, log, n -> launch(dir, trialThreads, n), parallel);
        } else {
            result = Tune.run(request, log);
        }
        if (worker || join) {
            return 0;
        }
        Trial best = result.best();
        var o = System.out;
        o.printf(
                Locale.ROOT,
                "%d trials: %d complete, %d pruned, %d failed%n",
                result.trials().size(),
                result.in(io.kindling.tune.TrialState.COMPLETE).size(),
                result.in(io.kindling.tune.TrialState.PRUNED).size(),
                result.in(io.kindling.tune.TrialState.FAIL).size());
        if (best != null) {
            o.printf(Locale.ROOT, "best: trial #%d value %.6g%n", best.number(), best.value());
            if (best.runDir() != null) {
                o.println(
                        "rerun:  kindling train " + Path.of(best.runDir()).resolve("config.yaml"));
            }
        }
        o.println("report: " + dir.resolve("report.html"));
        return best != null ? 0 : 1;
    }

    private Tune.Request request(Path dir, Integer trialThreads) {
        TestFunction f = null;
        Map<String, Object> experiment = null;
        if (objective != null) {
            if (file != null) {
                throw new ConfigException(
                        "Give either an experiment file or --objective, not" + " both");
            }
            f = TestFunction.REGISTRY.parse(objective);
        } else if (file != null) {
            experiment = new LinkedHashMap<>(Experiment.readYaml(file));
            if (trialThreads != null) {
                experiment.put("threads", trialThreads);
            }
        } else {
            throw new ConfigException(
                    "Nothing to tune: give an experiment file with a search:"
                            + " mapping, or --objective branin|hartmann6|rosenbrock(dim=N)");
        }
        return new Tune.Request(
                dir,
                study,
                sampler,
                pruner,
                trials,
                seed,
                Direction.parse(direction),
                metric,
                resume || worker || join,
                retryFailed,
                Math.round(heartbeat * 1000),
                worker || join,
                f,
                experiment);
    }

    /** Starts worker {@code n}: the same study in a child JVM. */
    private Process launch(Path dir, Integer trialThreads, int n) {
        List<String> args = new ArrayList<>(List.of("tune"));
        if (file != null) {
            args.add(file.toString());
        }
        if (objective != null) {
            args.addAll(List.of("--objective", objective));
        }
        args.addAll(
                List.of(
                        "--sampler",
                        sampler,
                        "--pruner",
                        pruner,
                        "--trials",
                        String.valueOf(trials),
                        "--seed",
                        String.valueOf(seed),
                        "--metric",
                        metric,
                        "--direction",
                        direction,
                        "--study",
                        study,
                        "--out",
                        dir.toString(),
                        "--heartbeat",
                        String.valueOf(heartbeat),
                        "--worker"));
        if (retryFailed) {
            args.add("--retry-failed");
        }
        if (trialThreads != null) {
            args.addAll(List.of("--threads", String.valueOf(trialThreads)));
        }
        if (quiet) {
            args.add("--quiet");
        }
        try {
            return ChildProcessLauncher.kindling(args, dir.resolve("worker-" + n + ".log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
