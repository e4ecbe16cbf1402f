package io.kindling.report;

import io.kindling.init.InitPlan;
import io.kindling.nn.Model;
import io.kindling.train.TrainEvents;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A live progress line: step, epoch, loss, throughput and ETA. On a terminal it redraws one
 * line; otherwise (logs, CI) it prints a line at each logged step.
 */
public final class ConsoleProgress implements TrainEvents {

    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream out;
    private final boolean interactive;
    private long total;
    private long lastDraw;
    private long startNanos;

    /**
     * @param out where to print
     * @param interactive redraw in place (a terminal) rather than print line by line
     */
    public ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onStart(TrainSpec spec, Model model, List<InitPlan.Entry> plan, String dataSource,
            long totalSteps) {
        this.total = totalSteps;
        this.startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "model     %s  (%,d trainable parameters)%n", spec.model().print(),
                model.trainableCount());
        out.printf(Locale.ROOT, "init      %s%n", spec.init().print());
        out.printf(Locale.ROOT, "optimizer %s%n", spec.optimizer().print());
        out.printf(Locale.ROOT, "data      %s%n", dataSource);
        out.printf(Locale.ROOT, "steps     %,d (batch %d, seed %d, threads %d)%n", totalSteps,
                spec.batchSize(), spec.seed(), spec.threads().intraOp());
    }

    @Override
    public void onStep(long step, int epoch, double loss, double samplesPerSecond) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && step != total) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(step, epoch, loss, samplesPerSecond, now) + "   ");
        if (step == total) {
            out.println();
        }
        out.flush();
    }

    @Override
    public void onRecord(Map<String, Object> record) {
        if (record.containsKey("test_accuracy")) {
            if (interactive) {
                out.print("\r");
            }
            out.printf(Locale.ROOT, "epoch %s  step %s  test_loss %.4f  test_accuracy %.4f%n",
                    record.get("epoch"), record.get("step"), (Double) record.get("test_loss"),
                    (Double) record.get("test_accuracy"));
        } else if (!interactive && record.containsKey("train_loss")) {
            long step = ((Number) record.get("step")).longValue();
            out.println(line(step, ((Number) record.get("epoch")).intValue(),
                    (Double) record.get("train_loss"),
                    (Double) record.get("train_samples_per_second"), System.nanoTime()));
        }
    }

    @Override
    public void onEnd(TrainResult result) {
        out.printf(Locale.ROOT,
                "done: %,d steps in %.1f s, %.0f samples/s, final train_loss %.4f, test_accuracy %.4f%n",
                result.steps(), result.seconds(), result.samplesPerSecond(),
                result.finalTrainLoss(), result.test() == null ? Double.NaN
                        : result.test().accuracy());
    }

    private String line(long step, int epoch, double loss, double throughput, long now) {
        double elapsed = (now - startNanos) / 1e9;
        double eta = step == 0 ? 0 : elapsed / step * (total - step);
        return String.format(Locale.ROOT,
                "step %,d/%,d  epoch %d  loss %.4f  %,.0f samples/s  ETA %s", step, total, epoch,
                loss, throughput, duration(eta));
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
