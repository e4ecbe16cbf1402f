package io.kindling.cli;

import ai.djl.ndarray.types.DataType;
import io.kindling.config.ConfigException;
import io.kindling.optim.GradientTransform;
import io.kindling.optim.Optimizers;
import io.kindling.optim.TestFunction;
import io.kindling.optim.Trajectory;
import io.kindling.report.PathPlot;
import io.kindling.runfolder.AtomicFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling optimize}: an optimizer's path on a test function, as CSV and a plot. */
@Command(
        name = "optimize",
        description = {
            "Run one or more optimizers on a test function and write each path as"
                    + " CSV (header step,loss,x0,x1,...; row k = parameters after k updates, row 0 ="
                    + " start), optionally plotted over the function's contours.",
            "",
            "  rosenbrock  (1-x0)^2 + 100 (x1-x0^2)^2     quadratic  1/2 sum (i+1) x_i^2",
            "  beale       (1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2",
            "",
            "Examples:",
            "  kindling optimize --optimizer \"sgd(lr=0.001, momentum=0.9)\" --problem rosenbrock"
                    + " --start=-1.5,2 --steps 500 --out traj.csv",
            "  kindling optimize --optimizer \"sgd(lr=0.001)\" --optimizer \"adam(lr=0.05)\""
                    + " --problem rosenbrock --steps 300 --out paths.csv --plot paths.png"
        },
        mixinStandardHelpOptions = true)
final class OptimizeCommand implements Callable<Integer> {

    @Option(
            names = "--optimizer",
            required = true,
            paramLabel = "EXPR",
            description = "Optimizer expression; repeat to compare several.")
    List<String> optimizers;

    @Option(
            names = "--problem",
            paramLabel = "NAME",
            description = "rosenbrock | quadratic | beale (default ${DEFAULT-VALUE}).")
    String problem = "rosenbrock";

    @Option(
            names = "--start",
            paramLabel = "A,B,...",
            description = "Start coordinates (default: the problem's conventional start).")
    String start;

    @Option(
            names = "--steps",
            paramLabel = "N",
            description = "Updates (default ${DEFAULT-VALUE}).")
    int steps = 200;

    @Option(
            names = "--dtype",
            paramLabel = "TYPE",
            description = "float32 | float64 (default ${DEFAULT-VALUE}).")
    String dtype = "float64";

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.csv",
            description = "CSV path; with several optimizers, FILE-1.csv, FILE-2.csv, ...")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Paths over contours (2-D).")
    Path plot;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TestFunction function = TestFunction.of(problem);
        DataType type =
                switch (dtype) {
                    case "float32" -> DataType.FLOAT32;
                    case "float64" -> DataType.FLOAT64;
                    default ->
                            throw new ConfigException(
                                    "Bad --dtype '" + dtype + "'; accepted: float32, float64");
                };
        if (steps < 0) {
            throw new ConfigException("Bad --steps " + steps + "; must be >= 0");
        }
        double[] x0 = start == null ? function.defaultStart() : parseStart(start);
        var o = spec.commandLine().getOut();
        Map<String, Trajectory> paths = new LinkedHashMap<>();
        for (int i = 0; i < optimizers.size(); i++) {
            GradientTransform opt = Optimizers.REGISTRY.parse(optimizers.get(i));
            Trajectory t = Trajectory.run(opt, function, x0, steps, type);
            Path file = optimizers.size() == 1 ? out : numbered(out, i + 1);
            AtomicFile.write(file, t.toCsv());
            double[] last = t.rows()[t.rows().length - 1];
            o.printf(Locale.ROOT, "%-40s final loss %.6g  -> %s%n", opt.print(), last[0], file);
            paths.put(opt.print(), t);
        }
        if (plot != null) {
            if (x0.length < 2) {
                throw new ConfigException("--plot needs at least 2 coordinates");
            }
            PathPlot.write(plot, function, paths);
            o.println("wrote " + plot);
        }
        o.flush();
        return 0;
    }

    static Path numbered(Path out, int index) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot);
        return out.resolveSibling(stem + "-" + index + ext);
    }

    static double[] parseStart(String text) {
        String[] parts = text.split(",", -1);
        double[] x = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                x[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "Bad --start '"
                            + text
                            + "': write comma-separated numbers"
                            + " like --start=-1.5,2");
        }
        return x;
    }
}
