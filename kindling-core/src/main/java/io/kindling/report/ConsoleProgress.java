package io.kindling.report;

import io.kindling.config.ConfigException;
import io.kindling.init.InitPlan;
import io.kindling.nn.Model;
import io.kindling.optim.Optimizers;
import io.kindling.train.TrainEvents;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Console progress: the run's banner, then one progress line per epoch,
 *
 * <pre>
 * epoch 3/10 [#########-----------]  45% 212/469  loss 0.4123  acc 0.8412  lr 0.0500  22.8k samples/s  ETA 0:12
 * </pre>
 *
 * then a line per evaluation and a closing summary. On a terminal the epoch's line is redrawn in
 * place (carriage return, at most every 200 ms) and ended with a newline at the epoch's last step;
 * in a log it is printed as plain lines, never redrawn: at each logged training record and at each
 * epoch's end.
 *
 * <p>{@code loss} is the mean training loss over the epoch's steps so far (what Keras's progress
 * bar shows); {@code acc} the latest {@code val_accuracy} (else {@code test_accuracy}) of a record;
 * {@code lr} the latest {@code train_lr} or {@code plateau_lr} of a record, else the optimizer's
 * lr; {@code samples/s} the training throughput so far; {@code ETA} the time left for the whole
 * run, {@code (total − step) × elapsed / steps done}, evaluations included.
 */
public final class ConsoleProgress implements TrainEvents {

    static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private long total;
    private int budgetEpochs;
    private long startNanos;
    private long startStep = -1;
    private int epoch;
    private int epochs;
    private long epochFirst;
    private long epochSteps;
    private double lossSum;
    private long lossCount;
    private long step;
    private double throughput = Double.NaN;
    private double lr = Double.NaN;
    private double accuracy = Double.NaN;
    private String scoreName = "acc";
    private boolean drawDue;
    private long lastDraw;
    private int drawnLength;
    private long drawnStep;
    private long printedStep = -1;

    /**
     * @param out where to print
     * @param interactive redraw in place (a terminal) rather than print line by line
     */
    public ConsoleProgress(PrintStream out, boolean interactive) {
        this(out, interactive, System::nanoTime);
    }

    /** As above, reading time (nanoseconds) from {@code clock}. */
    ConsoleProgress(PrintStream out, boolean interactive, LongSupplier clock) {
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
    }

    @Override
    public void onNote(String line) {
        out.println(line);
    }

    @Override
    public void onStart(
            TrainSpec spec,
            Model model,
            List<InitPlan.Entry> plan,
            String dataSource,
            long totalSteps) {
        out.printf(
                Locale.ROOT,
                "model     %s  (%,d trainable parameters)%n",
                spec.network().model().print(),
                model.trainableCount());
        out.printf(Locale.ROOT, "init      %s%n", spec.network().init().print());
        out.printf(Locale.ROOT, "optimizer %s%n", spec.optimization().optimizer().print());
        out.printf(Locale.ROOT, "data      %s%n", dataSource);
        out.printf(
                Locale.ROOT,
                "steps     %,d (batch %d, seed %d, threads %d)%n",
                totalSteps,
                spec.extent().batchSize(),
                spec.execution().seed(),
                spec.execution().threads().intraOp());
        double optimizerLr;
        try {
            optimizerLr = Optimizers.learningRate(spec.optimization().optimizer());
        } catch (ConfigException e) {
            optimizerLr = Double.NaN; // a chain without an lr: the line leaves lr out
        }
        begin(totalSteps, spec.extent().budget().epochs(), optimizerLr);
    }

    /** Starts the clock for a run of {@code totalSteps} ({@code epochs} 0 for a step budget). */
    void begin(long totalSteps, int epochs, double optimizerLr) {
        this.total = totalSteps;
        this.budgetEpochs = epochs;
        this.lr = optimizerLr;
        this.startNanos = clock.getAsLong();
    }

    @Override
    public void onEpochStart(int epoch, long firstStep, long stepsInEpoch) {
        endLine();
        this.epoch = epoch;
        this.epochFirst = firstStep;
        this.epochSteps = stepsInEpoch;
        long perEpoch = Math.max(1, stepsInEpoch);
        this.epochs =
                budgetEpochs > 0
                        ? budgetEpochs
                        : epoch - 1 + (int) ((total - firstStep + perEpoch - 1) / perEpoch);
        lossSum = 0;
        lossCount = 0;
        drawDue = true;
    }

    @Override
    public void onStep(long step, int epoch, double loss, double samplesPerSecond) {
        if (epoch != this.epoch) {
            // No onEpochStart from this trainer: the rest of the run stands in for the epoch.
            onEpochStart(epoch, step - 1, total - step + 1);
            epochs = 0;
        }
        if (startStep < 0) {
            startStep = step - 1; // a resumed run times only its own steps
        }
        this.step = step;
        this.throughput = samplesPerSecond;
        lossSum += loss;
        lossCount++;
        boolean epochEnd = step >= epochFirst + epochSteps;
        long now = clock.getAsLong();
        if (interactive && (epochEnd || drawDue || now - lastDraw >= REDRAW_NANOS)) {
            draw(now);
        }
        if (epochEnd) {
            if (interactive) {
                endLine();
            } else {
                printLine(now);
            }
        }
    }

    @Override
    public void onRecord(Map<String, Object> record) {
        for (String key : List.of("plateau_lr", "train_lr")) {
            if (record.get(key) instanceof Number n) {
                lr = n.doubleValue();
            }
        }
        for (String key : List.of("test_accuracy", "val_accuracy")) {
            if (record.get(key) instanceof Number n) {
                accuracy = n.doubleValue();
                scoreName = "acc";
            }
        }
        // a regression's headline: its RMSE (lower is better)
        for (String key : List.of("test_rmse", "val_rmse")) {
            if (record.get(key) instanceof Number n) {
                accuracy = n.doubleValue();
                scoreName = "rmse";
            }
        }
        if (record.containsKey("val_loss") || record.containsKey("test_loss")) {
            endLine();
            out.println(evaluation(record));
        } else if (!interactive
                && record.containsKey("train_loss")
                && ((Number) record.get("step")).longValue() != printedStep) {
            printLine(clock.getAsLong());
        }
    }

    @Override
    public void onEnd(TrainResult result) {
        endLine();
        Map.Entry<String, Double> headline =
                result.test() == null
                        ? Map.entry("accuracy", Double.NaN)
                        : result.test().headline();
        out.printf(
                Locale.ROOT,
                "done: %,d steps in %.1f s, %.0f samples/s, final train_loss %.4f, test_%s %.4f%n",
                result.steps(),
                result.seconds(),
                result.samplesPerSecond(),
                result.finalTrainLoss(),
                headline.getKey(),
                headline.getValue());
    }

    private void printLine(long now) {
        if (lossCount > 0) {
            out.println(line(now).text());
            printedStep = step;
        }
    }

    private void draw(long now) {
        String text = line(now).text();
        out.print("\r" + text + " ".repeat(Math.max(0, drawnLength - text.length())));
        out.flush();
        drawnLength = text.length();
        drawnStep = step;
        lastDraw = now;
        drawDue = false;
    }

    /** Ends a redrawn line, first bringing it up to the latest step (a run cut mid-epoch). */
    private void endLine() {
        if (drawnLength > 0) {
            if (drawnStep != step) {
                draw(clock.getAsLong());
            }
            out.println();
            drawnLength = 0;
        }
    }

    private Line line(long now) {
        long done = step - startStep;
        double eta =
                done <= 0
                        ? Double.NaN
                        : (now - startNanos) / 1e9 / done * Math.max(0, total - step);
        return new Line(
                epoch,
                epochs,
                step - epochFirst,
                epochSteps,
                lossSum / lossCount,
                accuracy,
                lr,
                throughput,
                eta,
                scoreName);
    }

    private String evaluation(Map<String, Object> record) {
        StringBuilder s = new StringBuilder("epoch ").append(record.get("epoch"));
        if (epochs > 0) {
            s.append('/').append(epochs);
        }
        s.append("  step ").append(record.get("step"));
        for (String split : List.of("val", "test")) {
            for (String metric :
                    List.of(
                            "_loss",
                            "_accuracy",
                            "_rmse",
                            "_mase",
                            "_naive_rmse",
                            "_seasonal_naive_rmse")) {
                if (record.get(split + metric) instanceof Number n) {
                    s.append(
                            String.format(
                                    Locale.ROOT, "  %s %.4f", split + metric, n.doubleValue()));
                }
            }
        }
        return s.toString();
    }

    /**
     * One progress line; NaN {@code accuracy}, {@code lr} or {@code samplesPerSecond} are left out,
     * and {@code epochs} 0 (unknown) prints the epoch alone.
     *
     * @param epoch the epoch (1-based)
     * @param epochs epochs in the run, or 0 if unknown
     * @param done steps done in the epoch
     * @param of steps in the epoch
     * @param loss mean training loss of the epoch so far
     * @param accuracy latest evaluation accuracy
     * @param lr latest learning rate
     * @param samplesPerSecond training throughput
     * @param etaSeconds time left for the run, NaN if not yet known
     * @param scoreName how {@code accuracy} is labelled: {@code acc}, or {@code rmse} for a
     *     regression
     */
    record Line(
            int epoch,
            int epochs,
            long done,
            long of,
            double loss,
            double accuracy,
            double lr,
            double samplesPerSecond,
            double etaSeconds,
            String scoreName) {

        /** A classification's line, its score labelled {@code acc}. */
        Line(
                int epoch,
                int epochs,
                long done,
                long of,
                double loss,
                double accuracy,
                double lr,
                double samplesPerSecond,
                double etaSeconds) {
            this(epoch, epochs, done, of, loss, accuracy, lr, samplesPerSecond, etaSeconds, "acc");
        }

        String text() {
            StringBuilder s = new StringBuilder("epoch ").append(epoch);
            if (epochs > 0) {
                s.append('/').append(epochs);
            }
            long clamped = Math.max(0, Math.min(done, of));
            s.append(' ')
                    .append(bar(clamped, of))
                    .append(
                            String.format(
                                    Locale.ROOT,
                                    " %3d%% %d/%d  loss %.4f",
                                    of > 0 ? clamped * 100 / of : 0,
                                    done,
                                    of,
                                    loss));
            if (!Double.isNaN(accuracy)) {
                s.append(String.format(Locale.ROOT, "  %s %.4f", scoreName, accuracy));
            }
            if (!Double.isNaN(lr)) {
                s.append("  lr ").append(learningRate(lr));
            }
            if (!Double.isNaN(samplesPerSecond)) {
                s.append("  ").append(rate(samplesPerSecond)).append(" samples/s");
            }
            return s.append("  ETA ").append(eta(etaSeconds)).toString();
        }
    }

    /** {@code [####----]}: {@value #BAR_WIDTH} cells, {@code ⌊width · done / of⌋} filled. */
    static String bar(long done, long of) {
        int filled = of > 0 ? (int) (Math.max(0, Math.min(done, of)) * BAR_WIDTH / of) : 0;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /** {@code m:ss} under an hour, {@code h:mm:ss} from an hour; {@code -:--} if unknown. */
    static String eta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-:--";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Samples per second, compact: {@code 950}, {@code 22.8k}, {@code 1.2M}. */
    static String rate(double perSecond) {
        if (perSecond >= 999_950) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 999.5) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** Four decimals ({@code 0.0500}) down to 0.001, scientific ({@code 3.00e-04}) below. */
    static String learningRate(double lr) {
        return lr == 0 || Math.abs(lr) >= 1e-3
                ? String.format(Locale.ROOT, "%.4f", lr)
                : String.format(Locale.ROOT, "%.2e", lr);
    }
}
