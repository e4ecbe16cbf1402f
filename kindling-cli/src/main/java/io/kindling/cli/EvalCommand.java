package io.kindling.cli;

import io.kindling.metrics.ClassificationReport;
import io.kindling.metrics.Evaluation;
import io.kindling.metrics.RegressionReport;
import io.kindling.train.SavedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kindling eval}: re-evaluates a run's checkpoint. */
@Command(
        name = "eval",
        description = {
            "Re-evaluate a run's checkpoint on its validation and test splits (with"
                    + " the run's own data preprocessing) and print a per-class table and the"
                    + " confusion matrix.",
            "",
            "Examples:",
            "  kindling eval runs/long",
            "  kindling eval runs/long --which best"
        },
        mixinStandardHelpOptions = true)
final class EvalCommand implements Callable<Integer> {

    @Spec CommandSpec command;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder with checkpoints.")
    Path run;

    @Option(
            names = "--which",
            paramLabel = "last|best",
            defaultValue = "last",
            description = "The newest valid step checkpoint (last, default) or the best one.")
    String which;

    @Override
    public Integer call() {
        PrintWriter console = command.commandLine().getOut();
        SavedRun saved = SavedRun.open(run, which);
        console.println("checkpoint " + saved.checkpoint() + " (step " + saved.step() + ")");
        SavedRun.Evaluated result = saved.evaluate();
        for (Evaluation e : result.evaluations()) {
            console.println();
            console.print(
                    e.isClassification()
                            ? ClassificationReport.render(e, result.classNames())
                            : RegressionReport.render(e));
        }
        return 0;
    }
}
