package io.kindling.cli;

import ai.djl.ndarray.types.Shape;
import io.kindling.config.ConfigException;
import io.kindling.init.Initializer;
import io.kindling.init.Initializers;
import io.kindling.init.Sample;
import io.kindling.nn.Activation;
import io.kindling.nn.Activations;
import io.kindling.report.HistogramPlot;
import io.kindling.runfolder.Npy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling sample}: draw one tensor from an initializer and look at it. */
@Command(
        name = "sample",
        description = {
            "Draw one tensor from an initializer, print its mean, std, min, max and"
                    + " the expected std, and optionally write it as .npy and a histogram PNG with"
                    + " the target density drawn over it.",
            "",
            "Shapes use PyTorch's layout: (out, in) for linear, (out, in, kh, kw) for conv;"
                    + " fan-in = in x receptive field, fan-out = out x receptive field.",
            "",
            "Examples:",
            "  kindling sample --init kaiming_normal --shape 256,784",
            "  kindling sample --init \"xavier_normal(gain=1.5)\" --shape 64,32,3,3 --out w.npy"
                    + " --plot w.png",
            "  kindling sample --init he_normal --shape 128,128 --seed 7 --json"
        },
        mixinStandardHelpOptions = true)
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--init", required = true, paramLabel = "EXPR", description = "Initializer.")
    String init;

    @Option(
            names = "--shape",
            required = true,
            paramLabel = "D1,D2,...",
            description = "Tensor shape, comma-separated, e.g. 64,32,3,3.")
    String shape;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default 0).")
    long seed;

    @Option(
            names = "--nonlinearity",
            paramLabel = "EXPR",
            description = "Activation assumed to follow, for auto gains (default relu).")
    String nonlinearity = "relu";

    @Option(
            names = "--out",
            paramLabel = "FILE.npy",
            description = "Write the tensor as float32 .npy.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write a histogram PNG.")
    Path plot;

    @Option(names = "--json", description = "Print the statistics as JSON.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Initializer initializer = Initializers.REGISTRY.parse(init);
        Activation after = Activations.REGISTRY.parse(nonlinearity);
        Shape dims = parseShape(shape);
        Sample s = Sample.draw(initializer, dims, after, seed);
        var o = spec.commandLine().getOut();
        if (json) {
            o.printf(
                    Locale.ROOT,
                    "{\"init\": \"%s\", \"shape\": %s, \"fan_in\": %d, \"fan_out\": %d,"
                            + " \"mean\": %s, \"std\": %s, \"min\": %s, \"max\": %s, \"expected_std\": %s}%n",
                    initializer.print().replace("\"", "\\\""),
                    Arrays.toString(dims.getShape()),
                    s.context().fanIn(),
                    s.context().fanOut(),
                    s.mean(),
                    s.std(),
                    s.min(),
                    s.max(),
                    s.expectedStd());
        } else {
            o.printf(Locale.ROOT, "init          %s%n", initializer.print());
            o.printf(
                    Locale.ROOT,
                    "shape         %s  (fan_in %d, fan_out %d)%n",
                    shape,
                    s.context().fanIn(),
                    s.context().fanOut());
            o.printf(Locale.ROOT, "mean          %.6f%n", s.mean());
            o.printf(Locale.ROOT, "std           %.6f   expected %.6f%n", s.std(), s.expectedStd());
            o.printf(Locale.ROOT, "min, max      %.6f, %.6f%n", s.min(), s.max());
        }
        if (out != null) {
            Npy.writeFloat32(out, s.values(), dims.getShape());
            o.println("wrote " + out);
        }
        if (plot != null) {
            HistogramPlot.write(
                    plot,
                    s.values(),
                    initializer.density(s.context()),
                    initializer.print(),
                    String.format(
                            Locale.ROOT,
                            "shape %s, seed %d: mean %.4g, std %.4g (expected %.4g)",
                            shape,
                            seed,
                            s.mean(),
                            s.std(),
                            s.expectedStd()));
            o.println("wrote " + plot);
        }
        o.flush();
        return 0;
    }

    static Shape parseShape(String text) {
        String[] parts = text.split(",", -1);
        long[] dims = new long[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Long.parseLong(parts[i].trim());
                if (dims[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "Bad --shape '"
                            + text
                            + "': write comma-separated positive"
                            + " sizes like 64,32,3,3 (PyTorch layout: out, in, kernel...)");
        }
        if (dims.length > 5) {
            throw new ConfigException("Bad --shape '" + text + "': at most 5 dimensions");
        }
        return new Shape(dims);
    }
}
