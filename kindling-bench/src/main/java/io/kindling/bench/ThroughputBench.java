package io.kindling.bench;

import io.kindling.data.BatchOrder;
import io.kindling.data.TargetKind;
import io.kindling.engine.memory.Allocator;
import io.kindling.engine.memory.ProcessMemory;
import io.kindling.optim.Sgd;
import io.kindling.train.TrainSpec;
import io.kindling.train.Trainer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training throughput of Kindling's loop against DJL's own trainer on the same model, data and
 * batch size, in the same process. After a warm-up of each, timed windows alternate between the two
 * (so drift in the machine's state hits both alike); each side's figure is the median of its
 * windows, in samples per second, and the ratio is the median of the per-pair ratios.
 */
public final class ThroughputBench {

    /**
     * Result of a benchmark.
     *
     * @param kindling median samples/s of Kindling's loop
     * @param baseline median samples/s of DJL's trainer
     * @param kindlingWindows every Kindling window, samples/s
     * @param baselineWindows every baseline window, samples/s
     * @param kindlingFaults page faults per step in each Kindling window (-1 where not measured)
     * @param baselineFaults page faults per step in each baseline window
     * @param allocator the {@code malloc} both sides ran on (one process)
     * @param warm the process's memory figures after the warm-up, before the first window
     * @param memory the process's memory figures after the last window
     */
    public record Result(
            double kindling,
            double baseline,
            double[] kindlingWindows,
            double[] baselineWindows,
            double[] kindlingFaults,
            double[] baselineFaults,
            Allocator allocator,
            ProcessMemory warm,
            ProcessMemory memory) {

        /**
         * The spread of a side's windows, (max − min) / median: how far one window can be from the
         * figure on this machine.
         */
        public static double spread(double[] windows) {
            double[] s = windows.clone();
            Arrays.sort(s);
            return (s[s.length - 1] - s[0]) / median(s);
        }

        /**
         * Kindling over baseline, the median of the per-window-pair ratios: windows measured back
         * to back share the machine's state, so their ratio is steadier than a ratio of medians on
         * a noisy machine. Above 1 means Kindling is faster.
         */
        public double ratio() {
            double[] r = new double[kindlingWindows.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = kindlingWindows[i] / baselineWindows[i];
            }
            return median(r);
        }

        /**
         * The JSON fields {@code kindling}, {@code baseline}, {@code ratio}, each side's spread and
         * median page faults per step, the allocator, resident memory, and the windows.
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kindling", kindling);
            m.put("baseline", baseline);
            m.put("ratio", ratio());
            m.put("kindling_spread", spread(kindlingWindows));
            m.put("baseline_spread", spread(baselineWindows));
            m.put("kindling_faults_per_step", median(kindlingFaults));
            m.put("baseline_faults_per_step", median(baselineFaults));
            m.putAll(allocator.toMap());
            m.put("rss_after_warmup_mib", warm.residentKib() / 1024.0);
            m.put("rss_mib", memory.residentKib() / 1024.0);
            m.put("peak_rss_mib", memory.peakResidentKib() / 1024.0);
            m.put("heap_committed_after_warmup_mib", warm.heapCommittedKib() / 1024.0);
            m.put("heap_committed_mib", memory.heapCommittedKib() / 1024.0);
            m.put("kindling_windows", kindlingWindows);
            m.put("baseline_windows", baselineWindows);
            m.put("kindling_faults", kindlingFaults);
            m.put("baseline_faults", baselineFaults);
            return m;
        }
    }

    private ThroughputBench() {}

    /**
     * Runs the benchmark.
     *
     * @param spec the training run to measure (its optimizer must be {@code sgd})
     * @param warmupSteps untimed steps for each side first
     * @param windowSteps steps per timed window
     * @param windows timed windows per side
     * @return medians and windows
     */
    public static Result run(TrainSpec spec, int warmupSteps, int windowSteps, int windows) {
        return run(spec, warmupSteps, 0, windowSteps, windows);
    }

    /**
     * Runs the benchmark, each side warmed up for at least {@code warmupSteps} steps and at least
     * {@code warmupSeconds}: the JIT keeps compiling DJL's and Kindling's step paths for seconds
     * (on 2 busy cores, over a thousand steps of a small MLP), and windows timed before it is done
     * are slow and scattered.
     *
     * @param spec the training run to measure (its optimizer must be {@code sgd})
     * @param warmupSteps untimed steps for each side first
     * @param warmupSeconds and untimed seconds for each side at least
     * @param windowSteps steps per timed window
     * @param windows timed windows per side
     * @return medians and windows
     */
    public static Result run(
            TrainSpec spec, int warmupSteps, double warmupSeconds, int windowSteps, int windows) {
        if (!(spec.optimization().optimizer() instanceof Sgd sgd)
                || sgd.weightDecay() != 0
                || sgd.nesterov()
                || sgd.dampening() != 0) {
            throw new IllegalArgumentException(
                    "bench compares against DJL's SGD, so the optimizer"
                            + " must be sgd(lr, momentum) without weight decay, dampening or nesterov; got "
                            + spec.optimization().optimizer().print());
        }
        try (Trainer kindling = new Trainer(spec);
                DjlBaseline djl =
                        new DjlBaseline(
                                spec.network().model(),
                                spec.plan(),
                                kindling.prepared().trainData(),
                                kindling.prepared().data().inputShape(),
                                kindling.prepared().data().outputs(),
                                kindling.prepared().data().targetKind() == TargetKind.VALUES,
                                spec.extent().batchSize(),
                                sgd.lr(),
                                sgd.momentum(),
                                kindling.manager())) {
            BatchOrder order =
                    new BatchOrder(
                            kindling.prepared().trainData().size(),
                            spec.extent().batchSize(),
                            spec.execution().seed(),
                            true);
            Steps ours = new Steps(kindling, order);
            warmUp(ours::run, warmupSteps, warmupSeconds, windowSteps);
            warmUp(djl::run, warmupSteps, warmupSeconds, windowSteps);
            ProcessMemory warm = ProcessMemory.now();
            double[] k = new double[windows];
            double[] b = new double[windows];
            double[] kf = new double[windows];
            double[] bf = new double[windows];
            long samples = (long) windowSteps * spec.extent().batchSize();
            for (int w = 0; w < windows; w++) {
                // Alternate which side goes first so neither always follows the other.
                if (w % 2 == 0) {
                    k[w] = timed(() -> ours.run(windowSteps), samples, kf, w, windowSteps);
                    b[w] = timed(() -> djl.run(windowSteps), samples, bf, w, windowSteps);
                } else {
                    b[w] = timed(() -> djl.run(windowSteps), samples, bf, w, windowSteps);
                    k[w] = timed(() -> ours.run(windowSteps), samples, kf, w, windowSteps);
                }
            }
            return new Result(
                    median(k),
                    median(b),
                    k,
                    b,
                    kf,
                    bf,
                    Allocator.current(),
                    warm,
                    ProcessMemory.now());
        }
    }

    /** Kindling steps over successive epochs of a batch order. */
    private static final class Steps {
        private final Trainer trainer;
        private final BatchOrder order;
        private int epoch;
        private Iterator<int[]> batches = List.<int[]>of().iterator();

        Steps(Trainer trainer, BatchOrder order) {
            this.trainer = trainer;
            this.order = order;
        }

        void run(int steps) {
            for (int i = 0; i < steps; i++) {
                if (!batches.hasNext()) {
                    batches = order.epoch(epoch++).iterator();
                }
                trainer.step(batches.next());
            }
        }
    }

    /** Runs {@code steps} steps, then chunks of {@code chunk} until {@code seconds} have passed. */
    static void warmUp(java.util.function.IntConsumer side, int steps, double seconds, int chunk) {
        long t0 = System.nanoTime();
        side.accept(steps);
        while ((System.nanoTime() - t0) / 1e9 < seconds) {
            side.accept(chunk);
        }
    }

    /**
     * Units (samples, steps) per second of {@code work}; its page faults per step go to {@code
     * faults[window]} (the counters are read outside the timed span).
     */
    static double timed(Runnable work, double samples, double[] faults, int window, int steps) {
        ProcessMemory before = ProcessMemory.now();
        long t0 = System.nanoTime();
        work.run();
        long t1 = System.nanoTime();
        long n = ProcessMemory.now().faultsSince(before);
        faults[window] = n < 0 ? -1 : (double) n / steps;
        return samples / ((t1 - t0) / 1e9);
    }

    /** The median of the values. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
