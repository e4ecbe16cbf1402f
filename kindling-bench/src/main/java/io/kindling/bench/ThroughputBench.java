package io.kindling.bench;

import io.kindling.data.BatchOrder;
import io.kindling.data.TargetKind;
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
     */
    public record Result(
            double kindling, double baseline, double[] kindlingWindows, double[] baselineWindows) {

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

        /** The JSON fields {@code kindling}, {@code baseline}, {@code ratio} and the windows. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kindling", kindling);
            m.put("baseline", baseline);
            m.put("ratio", ratio());
            m.put("kindling_windows", kindlingWindows);
            m.put("baseline_windows", baselineWindows);
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
            double[] k = new double[windows];
            double[] b = new double[windows];
            long samples = (long) windowSteps * spec.extent().batchSize();
            for (int w = 0; w < windows; w++) {
                // Alternate which side goes first so neither always follows the other.
                if (w % 2 == 0) {
                    k[w] = timed(() -> ours.run(windowSteps), samples);
                    b[w] = timed(() -> djl.run(windowSteps), samples);
                } else {
                    b[w] = timed(() -> djl.run(windowSteps), samples);
                    k[w] = timed(() -> ours.run(windowSteps), samples);
                }
            }
            return new Result(median(k), median(b), k, b);
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

    private static double timed(Runnable work, long samples) {
        long t0 = System.nanoTime();
        work.run();
        return samples / ((System.nanoTime() - t0) / 1e9);
    }

    /** The median of the values. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
