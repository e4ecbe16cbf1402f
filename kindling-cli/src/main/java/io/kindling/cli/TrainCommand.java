package io.kindling.cli;

import io.kindling.report.ConsoleProgress;
import io.kindling.train.Experiment;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kindling train}: one training run into a run folder. */
@Command(name = "train",
        description = {"Train a model and write a run folder (config.yaml, provenance.json,"
                + " metrics.jsonl).", "",
            "Options given on the command line override those in EXPERIMENT.yaml.", "",
            "Examples:",
            "  kindling train --model \"mlp(depth=3, width=256, activation=relu)\" \\",
            "      --init kaiming_normal --optimizer \"sgd(lr=0.05, momentum=0.9)\" --epochs 1",
            "  kindling train examples/first-run.yaml --steps 200 --out runs/quick",
            "  kindling train --init \"normal(std=0.01)\" --data \"fashion-mnist(source=subset)\""},
        mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "EXPERIMENT.yaml",
            description = "Experiment file (keys: model, init, optimizer, schedule, on_plateau, early_stopping, data, epochs, steps,"
                    + " batch, seed, out, threads, interop_threads, log_every, standardize, accumulate, label_smoothing, nan_policy).")
    Path experiment;

    @Option(names = "--model", paramLabel = "EXPR",
            description = "Model expression. Default: " + Experiment.DEFAULT_MODEL)
    String model;

    @Option(names = "--init", paramLabel = "EXPR",
            description = "Initializer for every weight (biases zero). Default: "
                    + Experiment.DEFAULT_INIT)
    String init;

    @Option(names = "--optimizer", paramLabel = "EXPR",
            description = "Optimizer expression. Default: " + Experiment.DEFAULT_OPTIMIZER)
    String optimizer;

    @Option(names = "--schedule", paramLabel = "EXPR",
            description = "Learning-rate schedule over the optimizer's lr, e.g."
                    + " \"warmup_cosine(warmup_steps=100, total_steps=469)\" (default: constant).")
    String schedule;

    @Option(names = "--on-plateau", paramLabel = "EXPR",
            description = "Lower the lr when a metric stalls, evaluated each epoch, e.g."
                    + " \"reduce_on_plateau(monitor=test_loss, factor=0.5, patience=1)\".")
    String onPlateau;

    @Option(names = "--early-stopping", paramLabel = "EXPR",
            description = "Stop when a metric stops improving, e.g."
                    + " \"early_stopping(monitor=test_loss, patience=3, restore_best=true)\".")
    String earlyStopping;

    @Option(names = "--accumulate", paramLabel = "K",
            description = "Accumulate gradients over K micro-batches per step (default 1).")
    Integer accumulate;

    @Option(names = "--label-smoothing", paramLabel = "EPS",
            description = "Label smoothing of the cross-entropy, in [0, 1) (default 0).")
    Double labelSmoothing;

    @Option(names = "--nan-policy", paramLabel = "POLICY",
            description = "On a non-finite loss: stop (default; the record names the first"
                    + " non-finite parameter) or skip_step.")
    String nanPolicy;

    @Option(names = "--data", paramLabel = "EXPR",
            description = "Dataset: fashion-mnist(source=auto|full|subset, dir='...')."
                    + " Default: fashion-mnist (full set if installed, else the shipped subset)")
    String data;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 1).")
    Integer epochs;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps instead of epochs.")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default 128).")
    Integer batch;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed for init, data order and dropout (default 0).")
    Integer seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder (default runs/train-<timestamp>).")
    Path out;

    @Option(names = "--threads", paramLabel = "N",
            description = "libtorch intra-op threads (default: available cores).")
    Integer threads;

    @Option(names = "--interop-threads", paramLabel = "N",
            description = "libtorch inter-op threads (default 1).")
    Integer interopThreads;

    @Option(names = "--log-every", paramLabel = "N",
            description = "Log mean training loss every N steps (default 50).")
    Integer logEvery;

    @Option(names = "--standardize", negatable = true,
            description = "Standardize pixels with the training split's mean and std.")
    Boolean standardize;

    @Override
    public Integer call() {
        Experiment base = experiment == null ? new Experiment(Map.of())
                : Experiment.fromYaml(experiment);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("model", model);
        overrides.put("init", init);
        overrides.put("optimizer", optimizer);
        overrides.put("schedule", schedule);
        overrides.put("on_plateau", onPlateau);
        overrides.put("early_stopping", earlyStopping);
        overrides.put("accumulate", accumulate);
        overrides.put("label_smoothing", labelSmoothing);
        overrides.put("nan_policy", nanPolicy);
        overrides.put("data", data);
        overrides.put("epochs", epochs);
        overrides.put("steps", steps);
        overrides.put("batch", batch);
        overrides.put("seed", seed);
        overrides.put("out", out == null ? null : out.toString());
        overrides.put("threads", threads);
        overrides.put("interop_threads", interopThreads);
        overrides.put("log_every", logEvery);
        overrides.put("standardize", standardize);
        Experiment merged = base.overriddenBy(overrides);
        var spec = merged.resolve();
        Path dir = merged.out();
        PrintStream console = System.out;
        TrainResult result = TrainRun.execute(spec, dir,
                List.of(new ConsoleProgress(console, System.console() != null)));
        console.println("run folder: " + dir);
        return result.test() != null && Double.isFinite(result.finalTrainLoss()) ? 0 : 1;
    }
}
