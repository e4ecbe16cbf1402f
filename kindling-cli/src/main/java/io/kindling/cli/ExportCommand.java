package io.kindling.cli;

import io.kindling.checkpoint.Npz;
import io.kindling.checkpoint.Safetensors;
import io.kindling.config.ConfigException;
import io.kindling.runfolder.AtomicFile;
import io.kindling.train.SavedRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kindling export}: a run's weights as one file keyed by parameter name. */
@Command(
        name = "export",
        description = {
            "Write a run checkpoint's weights (every parameter, running statistics"
                    + " included, keyed by name such as layer1.weight) as safetensors or NumPy .npz.",
            "",
            "Examples:",
            "  kindling export runs/long --out model.safetensors",
            "  kindling export runs/long --which best --format npz --out best.npz",
            "  python3 -c \"import numpy; print(numpy.load('best.npz').files)\""
        },
        mixinStandardHelpOptions = true)
final class ExportCommand implements Callable<Integer> {

    @Spec CommandSpec command;

    /** Accepted values of {@code --format}. */
    static final List<String> FORMATS = List.of("safetensors", "npz");

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder with checkpoints.")
    Path run;

    @Option(
            names = "--which",
            paramLabel = "last|best",
            defaultValue = "last",
            description = "The newest valid step checkpoint (last, default) or the best one.")
    String which;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "safetensors",
            description = "safetensors (default) or npz.")
    String format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "The file to write (replaced atomically).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = command.commandLine().getOut();
        if (!FORMATS.contains(format)) {
            throw new ConfigException(
                    "--format '"
                            + format
                            + "' is not known; accepted: "
                            + String.join(", ", FORMATS));
        }
        SavedRun saved = SavedRun.open(run, which);
        byte[] model = saved.modelSafetensors();
        var contents =
                Safetensors.read(model, saved.checkpoint().resolve("model.safetensors").toString());
        byte[] bytes =
                format.equals("safetensors")
                        ? model
                        : Npz.write(contents.tensors().values(), false);
        AtomicFile.write(out, bytes);
        console.printf(
                "wrote %s: %d tensors from %s (step %d)%n",
                out, contents.tensors().size(), saved.checkpoint(), saved.step());
        return 0;
    }
}
