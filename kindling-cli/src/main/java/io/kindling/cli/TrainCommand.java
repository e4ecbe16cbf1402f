package io.kindling.cli;

import io.kindling.config.ConfigException;
import io.kindling.report.ConsoleProgress;
import io.kindling.train.Callback;
import io.kindling.train.ConfigKey;
import io.kindling.train.Experiment;
import io.kindling.train.PreparedRun;
import io.kindling.train.StopSignal;
import io.kindling.train.TimeLimit;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainRun;
import io.kindling.train.TrainSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kindling train}: one training run into a run folder. */
@Command(
        name = "train",
        description = {
            "Train a model and write a run folder (config.yaml, provenance.json,"
                    + " metrics.jsonl).",
            "",
            "Options given on the command line override those in EXPERIMENT.yaml.",
            "",
            "Examples:",
            "  kindling train --model \"mlp(depth=3, width=256, activation=relu)\" \\",
            "      --init kaiming_normal --optimizer \"sgd(lr=0.05, momentum=0.9)\" --epochs 1",
            "  kindling train examples/first-run.yaml --steps 200 --out runs/quick",
            "  kindling train --init \"normal(std=0.01)\" --data \"fashion-mnist(source=subset)\"",
            "  kindling train --epochs 5 --checkpoint-every 200 --out runs/long",
            "  kindling train --resume runs/long      # after a crash, kill or Ctrl-C",
            "",
            "Ctrl-C stops after the current step and writes a final checkpoint (when"
                    + " checkpoints are on); press it again to quit at once. Exit codes: 0 done,"
                    + " 1 run failed (non-finite loss), 2 bad input, 130 interrupted."
        },
        mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description =
                    "Continue the run in RUN_DIR from its newest valid checkpoint, with"
                            + " the folder's own config (no other option needed; only --time-limit"
                            + " is allowed with it).")
    Path resume;

    @Mixin ConfigOptions options = ConfigOptions.all();

    @Override
    public Integer call() {
        if (resume != null) {
            return resume();
        }
        Experiment merged = options.experiment();
        var spec = merged.resolve();
        PreparedRun.startEngine(spec); // a refused engine claims no default folder
        Path dir = merged.out(); // once: without --out, each call claims another folder
        PrintStream console = System.out;
        TrainResult result =
                TrainRun.execute(
                        spec,
                        dir,
                        List.of(new ConsoleProgress(console, System.console() != null)),
                        callbacks(spec));
        return finish(result, dir, console);
    }

    private Integer resume() {
        if (options.anyGivenExcept(ConfigKey.TIME_LIMIT)) {
            throw new ConfigException(
                    "--resume continues a run with its own"
                            + " config.yaml; give no experiment file or training option with it (only"
                            + " --time-limit, for this session)");
        }
        PrintStream console = System.out;
        var spec =
                Experiment.fromYaml(resume.resolve("config.yaml"))
                        .overriddenBy(
                                Collections.singletonMap(
                                        ConfigKey.TIME_LIMIT.key(),
                                        options.given(ConfigKey.TIME_LIMIT)))
                        .resolve();
        var result =
                TrainRun.resume(
                        resume,
                        List.of(new ConsoleProgress(console, System.console() != null)),
                        callbacks(spec),
                        console);
        return result.isEmpty() ? 0 : finish(result.get(), resume, console);
    }

    static List<Callback> callbacks(TrainSpec spec) {
        List<Callback> c = new ArrayList<>();
        c.add(StopSignal.install());
        if (spec.persistence().timeLimit() != null) {
            c.add(new TimeLimit(spec.persistence().timeLimit()));
        }
        return c;
    }

    private static int finish(TrainResult result, Path dir, PrintStream console) {
        if (result.stopReason() != null) {
            console.println("stopped: " + result.stopReason() + " after step " + result.steps());
        }
        console.println("run folder: " + dir);
        if (StopSignal.REASON.equals(result.stopReason())) {
            console.println("continue with: kindling train --resume " + dir);
            return 130;
        }
        if ("time_limit".equals(result.stopReason())) {
            console.println("continue with: kindling train --resume " + dir);
        }
        return result.test() != null && Double.isFinite(result.finalTrainLoss()) ? 0 : 1;
    }
}
