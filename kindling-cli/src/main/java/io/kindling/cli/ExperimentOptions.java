package io.kindling.cli;

import io.kindling.train.Experiment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The experiment file and every option that overrides one of its keys, shared by
 * {@code train} and {@code cv}.
 */
final class ExperimentOptions {

    @Parameters(arity = "0..1", paramLabel = "EXPERIMENT.yaml",
            description = "Experiment file (keys: model, init, optimizer, schedule, on_plateau, early_stopping, data, epochs, steps,"
                    + " batch, seed, out, threads, interop_threads, log_every, standardize, accumulate, label_smoothing, nan_policy,"
                    + " checkpoint_every, keep_last, keep_best, time_limit, validation, validation_auto, monitor_test, histogram_every,"
                    + " augment).")
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
                    + " \"reduce_on_plateau(monitor=val_loss, factor=0.5, patience=1)\"."
                    + " Monitors default to val_loss (see --validation).")
    String onPlateau;

    @Option(names = "--early-stopping", paramLabel = "EXPR",
            description = "Stop when a metric stops improving, e.g."
                    + " \"early_stopping(monitor=val_loss, patience=3, restore_best=true)\"."
                    + " Monitors default to val_loss (see --validation).")
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

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint every N steps (and a final one); keeps the"
                    + " newest 3 unless --keep-last says otherwise.")
    Integer checkpointEvery;

    @Option(names = "--keep-last", paramLabel = "K",
            description = "Keep the newest K step checkpoints (with no --checkpoint-every: only"
                    + " the final one, K >= 1).")
    Integer keepLast;

    @Option(names = "--keep-best", negatable = true,
            description = "Also keep checkpoints/best: the best evaluation of early stopping's"
                    + " monitor (else val_loss).")
    Boolean keepBest;

    @Option(names = "--time-limit", paramLabel = "DURATION",
            description = "Stop cleanly after this long (90s, 15m, 2h, 1h30m), evaluate and"
                    + " write a final checkpoint; --resume continues.")
    String timeLimit;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Hold out this share of the training split (stratified) as a"
                    + " validation split, evaluated each epoch as val_*. Default: none, or 0.1"
                    + " when --early-stopping, --on-plateau or --keep-best monitors a val_*"
                    + " metric; 0 turns it off.")
    Double validation;

    @Option(names = "--monitor-test", negatable = true,
            description = "Allow monitors on the test split (monitor=test_loss, ...): the test"
                    + " split then steers training and the reported test metrics are"
                    + " optimistic (a warning is printed). Default: off, test_* monitors are"
                    + " refused.")
    Boolean monitorTest;

    @Option(names = "--augment", paramLabel = "EXPR",
            description = "Augment training images, e.g. \"augment(pad=2, flip=0.5,"
                    + " translate=0, noise=0)\" (default: none).")
    String augment;

    @Option(names = "--histogram-every", paramLabel = "N",
            description = "Write per-layer weight histograms to TensorBoard every N steps"
                    + " (default 0: at each epoch's end).")
    Integer histogramEvery;

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

    /** The experiment file (if given) with the options put over it. */
    Experiment experiment() {
        Experiment base = experiment == null ? new Experiment(Map.of())
                : Experiment.fromYaml(experiment);
        return base.overriddenBy(overrides());
    }

    /** Whether an experiment file or any option other than those named was given. */
    boolean anyGivenExcept(String... keys) {
        Map<String, Object> o = overrides();
        for (String k : keys) {
            o.remove(k);
        }
        return experiment != null || o.values().stream().anyMatch(Objects::nonNull);
    }

    /** The {@code --time-limit} given, or null. */
    String timeLimit() {
        return timeLimit;
    }

    private Map<String, Object> overrides() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model);
        o.put("init", init);
        o.put("optimizer", optimizer);
        o.put("schedule", schedule);
        o.put("on_plateau", onPlateau);
        o.put("early_stopping", earlyStopping);
        o.put("accumulate", accumulate);
        o.put("label_smoothing", labelSmoothing);
        o.put("nan_policy", nanPolicy);
        o.put("data", data);
        o.put("epochs", epochs);
        o.put("steps", steps);
        o.put("batch", batch);
        o.put("seed", seed);
        o.put("out", out == null ? null : out.toString());
        o.put("threads", threads);
        o.put("interop_threads", interopThreads);
        o.put("log_every", logEvery);
        o.put("standardize", standardize);
        o.put("checkpoint_every", checkpointEvery);
        o.put("keep_last", keepLast);
        o.put("keep_best", keepBest);
        o.put("time_limit", timeLimit);
        o.put("validation", validation);
        o.put("monitor_test", monitorTest);
        o.put("augment", augment);
        o.put("histogram_every", histogramEvery);
        return o;
    }
}
