package io.kindling.cli;

import io.kindling.report.ConsoleProgress;
import io.kindling.train.ConfigKey;
import io.kindling.train.CrossValidation;
import io.kindling.train.Experiment;
import io.kindling.train.PreparedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kindling cv}: stratified k-fold cross-validation. */
@Command(
        name = "cv",
        description = {
            "Stratified k-fold cross-validation: train K models, model k holding"
                    + " out fold k of the training split as its validation split, and report mean"
                    + " ± std of every metric (OUT/cv.json; each fold's run in OUT/fold-k/).",
            "",
            "Takes the same experiment file and options as 'kindling train'.",
            "",
            "Examples:",
            "  kindling cv examples/iris.yaml --folds 5",
            "  kindling cv --data \"fashion-mnist(source=subset)\" --epochs 2 --folds 3"
        },
        mixinStandardHelpOptions = true)
final class CvCommand implements Callable<Integer> {

    @Spec CommandSpec command;

    @Option(
            names = "--folds",
            paramLabel = "K",
            defaultValue = "5",
            description = "Number of folds (default 5).")
    int folds;

    @Mixin
    ConfigOptions options =
            ConfigOptions.all()
                    .describe(
                            ConfigKey.OUT,
                            "Folder of the fold"
                                    + " runs and cv.json (default runs/cv-<timestamp>).");

    @Override
    public Integer call() {
        PrintWriter console = command.commandLine().getOut();
        Experiment merged = options.experiment();
        var spec = merged.resolve();
        PreparedRun.startEngine(spec); // a refused engine claims no default folder
        Path out = merged.out("cv");
        var result =
                CrossValidation.run(
                        spec,
                        folds,
                        out,
                        List.of(new ConsoleProgress(System.out, System.console() != null)),
                        TrainCommand.callbacks(spec));
        console.println();
        console.printf(
                Locale.ROOT, "%d-fold cross-validation (%d runs)%n", folds, result.folds().size());
        result.metrics()
                .forEach(
                        (name, ms) ->
                                console.printf(
                                        Locale.ROOT, "  %-22s %.4f ± %.4f%n", name, ms[0], ms[1]));
        console.println("summary: " + out.resolve("cv.json"));
        return result.folds().size() == folds ? 0 : 130;
    }
}
