package io.kindling.cli;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.bench.InitBench;
import io.kindling.bench.OptimizerBench;
import io.kindling.bench.ThroughputBench;
import io.kindling.engine.Compute;
import io.kindling.init.Initializers;
import io.kindling.nn.Activations;
import io.kindling.train.ConfigKey;
import io.kindling.train.Experiment;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kindling bench}: training throughput against DJL's own trainer, as a ratio; or, with
 * {@code --init}, the time to initialize a model or a tensor.
 */
@Command(
        name = "bench",
        description = {
            "Measure training throughput (samples/s) of Kindling's loop and of DJL's"
                    + " own Trainer/EasyTrain on the same model, data and batch size, in one process.",
            "Timed windows alternate between the two after a warm-up; each figure is the median.",
            "With --init: the time to initialize a model (or one --shape tensor) instead;"
                    + " tools/bench/torch_init.py puts PyTorch's time beside it.",
            "",
            "Examples:",
            "  kindling bench",
            "  kindling bench --json --windows 9",
            "  kindling bench --model \"mlp(depth=2, width=1024)\" --batch 256 --threads 1",
            "  kindling bench --optimizer-step --tensors 200 --width 32",
            "  kindling bench --init \"normal(std=0.02)\" --model \"mlp(depth=12, width=3072)\"",
            "  kindling bench --init orthogonal --shape 2048,2048"
        },
        mixinStandardHelpOptions = true)
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "EXPR",
            description = "Model (default ${DEFAULT-VALUE}).")
    String model = "mlp(depth=2, width=512, activation=relu)";

    @Option(
            names = "--optimizer",
            paramLabel = "EXPR",
            description = "sgd(lr, momentum) (default ${DEFAULT-VALUE}).")
    String optimizer = "sgd(lr=0.05, momentum=0.9)";

    @Option(
            names = "--data",
            paramLabel = "EXPR",
            description = "Dataset (default ${DEFAULT-VALUE}).")
    String data = ConfigKey.DATA.defaultValue();

    @Option(
            names = "--batch",
            paramLabel = "B",
            description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch = 128;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Untimed warm-up steps per side (default ${DEFAULT-VALUE}).")
    int warmup = 100;

    @Option(
            names = "--warmup-seconds",
            paramLabel = "S",
            description =
                    "And untimed seconds per side at least, so that the JIT is done before"
                            + " timing (default ${DEFAULT-VALUE}).")
    double warmupSeconds = 5;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "Steps per timed window (default ${DEFAULT-VALUE}).")
    int steps = 50;

    @Option(
            names = "--windows",
            paramLabel = "N",
            description = "Timed windows per side (default ${DEFAULT-VALUE}).")
    int windows = 15;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "libtorch intra-op threads (default: available cores).")
    Integer threads;

    @Option(
            names = "--json",
            description = "Print {\"kindling\", \"baseline\", \"ratio\"} as JSON.")
    boolean json;

    @Option(
            names = "--optimizer-step",
            description =
                    "Measure the optimizer step alone on many small tensors: Kindling's adam"
                            + " chain vs DJL's fused Adam, in steps/s.")
    boolean optimizerStep;

    @Option(
            names = "--tensors",
            paramLabel = "N",
            description = "With --optimizer-step: parameter tensors (default ${DEFAULT-VALUE}).")
    int tensors = 200;

    @Option(
            names = "--width",
            paramLabel = "W",
            description =
                    "With --optimizer-step: matrix side / vector length (default ${DEFAULT-VALUE}).")
    int width = 32;

    @Option(
            names = "--init",
            paramLabel = "EXPR",
            description =
                    "Time initializing --model (or one --shape tensor) with this initializer,"
                            + " in-process, instead of training (biases zero, norm gains one).")
    String init;

    @Option(
            names = "--shape",
            paramLabel = "D1,D2,...",
            description = "With --init: time one lone weight of this shape instead of a model.")
    String shape;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            description =
                    "With --init: timed runs; the figure is the median (default ${DEFAULT-VALUE}).")
    int repeats = 3;

    @Option(
            names = "--nonlinearity",
            paramLabel = "EXPR",
            description =
                    "With --init --shape: activation after the weight (default ${DEFAULT-VALUE}).")
    String nonlinearity = "relu";

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    private int initBench() throws Exception {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        }
        var t = threads == null ? Compute.Threads.defaults() : new Compute.Threads(threads, 1);
        InitBench.Result r;
        String what;
        if (shape != null) {
            Shape dims = SampleCommand.parseShape(shape);
            r =
                    InitBench.tensor(
                            dims,
                            Initializers.REGISTRY.parse(init),
                            Activations.REGISTRY.parse(nonlinearity),
                            t,
                            repeats);
            what = "tensor " + shape;
        } else {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("model", model);
            values.put("init", init);
            values.put("data", data);
            values.put("batch", batch);
            values.put("steps", 1);
            values.put("threads", t.intraOp());
            var trainSpec = new Experiment(values).resolve();
            r = InitBench.model(trainSpec, repeats);
            what = "model " + trainSpec.network().model().print();
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r.toMap()));
        } else {
            out.printf(Locale.ROOT, "init %s on %s, threads %d%n", init, what, r.threads());
            out.printf(
                    Locale.ROOT,
                    "kindling   %8.3f s for %,d values (median of %d runs: %s)%n",
                    r.seconds(),
                    r.parameters(),
                    repeats,
                    Arrays.stream(r.runs())
                            .mapToObj(x -> String.format(Locale.ROOT, "%.3f", x))
                            .collect(Collectors.joining(", ")));
            r.dataPasses().forEach(out::println);
            out.println("PyTorch beside it: tools/bench/torch_init.py with the same arguments");
        }
        out.flush();
        return 0;
    }

    private int optimizerStep() throws Exception {
        if (tensors < 1 || width < 1) {
            throw new IllegalArgumentException("--tensors and --width must be >= 1");
        }
        var t = threads == null ? Compute.Threads.defaults() : new Compute.Threads(threads, 1);
        ThroughputBench.Result r = OptimizerBench.run(tensors, width, steps, windows, t);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r.toMap()));
        } else {
            out.printf(
                    Locale.ROOT,
                    "optimizer step, %d tensors (%dx%d and %d), threads %d%n",
                    tensors,
                    width,
                    width,
                    width,
                    t.intraOp());
            out.printf(
                    Locale.ROOT,
                    "kindling adam   %,10.1f steps/s (median of %d windows)%n",
                    r.kindling(),
                    windows);
            out.printf(
                    Locale.ROOT,
                    "djl Adam        %,10.1f steps/s (fused native update per tensor)%n",
                    r.baseline());
            out.printf(Locale.ROOT, "ratio           %10.2f  (kindling / djl)%n", r.ratio());
            printMemory(out, r);
        }
        out.flush();
        return 0;
    }

    /**
     * The lines every throughput figure needs beside it: the spread of the windows, page faults per
     * step on each side and the allocator they ran on (the figure can move several-fold with it),
     * and resident memory.
     */
    private static void printMemory(PrintWriter out, ThroughputBench.Result r) {
        out.printf(
                Locale.ROOT,
                "spread     %9.0f%% / %.0f%%  ((max - min) / median of the windows: kindling / djl)%n",
                100 * ThroughputBench.Result.spread(r.kindlingWindows()),
                100 * ThroughputBench.Result.spread(r.baselineWindows()));
        out.printf(
                Locale.ROOT,
                "faults     %,10.0f / %,.0f  (page faults per step, median: kindling / djl)%n",
                ThroughputBench.median(r.kindlingFaults()),
                ThroughputBench.median(r.baselineFaults()));
        out.printf(Locale.ROOT, "allocator  %s%n", r.allocator().describe());
        out.printf(
                Locale.ROOT,
                "memory     %,.0f MiB resident after the warm-up, %,.0f MiB at the end, %,.0f MiB at"
                        + " most%n",
                r.warm().residentKib() / 1024.0,
                r.memory().residentKib() / 1024.0,
                r.memory().peakResidentKib() / 1024.0);
        out.printf(
                Locale.ROOT,
                "java heap  %,.0f MiB committed after the warm-up, %,.0f MiB at the end (part of"
                        + " the resident memory)%n",
                r.warm().heapCommittedKib() / 1024.0,
                r.memory().heapCommittedKib() / 1024.0);
    }

    @Override
    public Integer call() throws Exception {
        if (warmup < 0 || steps < 1 || windows < 1 || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException(
                    "bench needs --warmup >= 0, --warmup-seconds >= 0, --steps >= 1 and"
                            + " --windows >= 1; got "
                            + warmup
                            + ", "
                            + warmupSeconds
                            + ", "
                            + steps
                            + ", "
                            + windows);
        }
        if (optimizerStep) {
            return optimizerStep();
        }
        if (init != null) {
            return initBench();
        }
        if (shape != null) {
            throw new IllegalArgumentException("--shape needs --init");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("model", model);
        values.put("optimizer", optimizer);
        values.put("data", data);
        values.put("batch", batch);
        values.put("steps", 1);
        if (threads != null) {
            values.put("threads", threads);
        }
        var trainSpec = new Experiment(values).resolve();
        ThroughputBench.Result r =
                ThroughputBench.run(trainSpec, warmup, warmupSeconds, steps, windows);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r.toMap()));
        } else {
            out.printf(
                    Locale.ROOT,
                    "model %s, batch %d, threads %d%n",
                    trainSpec.network().model().print(),
                    batch,
                    trainSpec.execution().threads().intraOp());
            out.printf(
                    Locale.ROOT,
                    "kindling   %,10.0f samples/s (median of %d windows)%n",
                    r.kindling(),
                    windows);
            out.printf(
                    Locale.ROOT,
                    "djl        %,10.0f samples/s (Trainer + EasyTrain.trainBatch)%n",
                    r.baseline());
            out.printf(
                    Locale.ROOT,
                    "ratio      %10.2f  (kindling / djl, median of per-window ratios)%n",
                    r.ratio());
            printMemory(out, r);
        }
        out.flush();
        return 0;
    }
}
