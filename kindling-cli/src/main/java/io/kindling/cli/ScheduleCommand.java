package io.kindling.cli;

import io.kindling.config.ConfigException;
import io.kindling.report.LinePlot;
import io.kindling.report.Ticks;
import io.kindling.runfolder.AtomicFile;
import io.kindling.schedule.Schedule;
import io.kindling.schedule.ScheduleTable;
import io.kindling.schedule.Schedules;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling schedule}: a learning-rate schedule as CSV and a plot. */
@Command(
        name = "schedule",
        description = {
            "Tabulate a learning-rate schedule: CSV with header step,lr where row k is"
                    + " the learning rate used by update k (k from 0, i.e. after k scheduler steps,"
                    + " as torch.optim.lr_scheduler counts).",
            "",
            "Examples:",
            "  kindling schedule --schedule \"warmup_cosine(warmup_steps=100, total_steps=1000)\""
                    + " --lr 0.1 --steps 1200 --out lr.csv --plot lr.png",
            "  kindling schedule --schedule \"onecycle(max_lr=0.1, total_steps=500)\" --steps 500"
                    + " --out lr.csv"
        },
        mixinStandardHelpOptions = true)
final class ScheduleCommand implements Callable<Integer> {

    @Option(names = "--schedule", required = true, paramLabel = "EXPR", description = "Schedule.")
    String schedule;

    @Option(
            names = "--lr",
            paramLabel = "BASE",
            description = "Base lr (default ${DEFAULT-VALUE}).")
    double lr = 0.1;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Rows to write.")
    int steps;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV path.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Line plot of lr vs step.")
    Path plot;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || !(lr > 0)) {
            throw new ConfigException(
                    "Bad --steps " + steps + " or --lr " + lr + "; need steps >= 1 and lr > 0");
        }
        Schedule s = Schedules.REGISTRY.parse(schedule);
        double[] values = ScheduleTable.values(s, lr, steps);
        StringBuilder csv = new StringBuilder("step,lr\n");
        double[][] points = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            csv.append(k).append(',').append(values[k]).append('\n');
            points[k] = new double[] {k, values[k]};
        }
        AtomicFile.write(out, csv.toString());
        var o = spec.commandLine().getOut();
        o.printf(
                Locale.ROOT,
                "%s, base lr %s: first %.6g, min %.6g, max %.6g, last %.6g -> %s%n",
                s.print(),
                lr,
                values[0],
                min(values),
                max(values),
                values[values.length - 1],
                out);
        if (plot != null) {
            Map<String, double[][]> series = new LinkedHashMap<>();
            series.put(s.print(), points);
            LinePlot.write(
                    plot,
                    "learning rate by update",
                    "update (scheduler steps)",
                    "lr",
                    Ticks.Scale.INTEGER,
                    series);
            o.println("wrote " + plot);
        }
        o.flush();
        return 0;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
