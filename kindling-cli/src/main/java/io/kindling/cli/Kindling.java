package io.kindling.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

/** The {@code kindling} command: a thin layer of subcommands over the library. */
@Command(
        name = "kindling",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Train neural networks on the JVM with initialization and training technique as"
                    + " first-class, named, measured choices.",
            "",
            "Examples:",
            "  kindling train --model \"mlp(depth=3, width=256)\" --init kaiming_normal \\",
            "      --optimizer \"sgd(lr=0.05, momentum=0.9)\" --epochs 1",
            "  kindling compare examples/he-vs-xavier.yaml --out runs/he-vs-xavier",
            "  kindling tune examples/tune-init.yaml --trials 30 --pruner median",
            "  kindling diagnose --model \"mlp(depth=30, width=256)\" --init xavier_normal",
            "  kindling train examples/first-run.yaml --seed 1",
            "  kindling train --resume runs/long",
            "  kindling eval runs/long --which best",
            "  kindling list initializers",
            "  kindling bench --steps 300",
            "  kindling doctor",
            "  kindling help train"
        },
        subcommands = {
            TrainCommand.class,
            EvalCommand.class,
            GenerateCommand.class,
            ExportCommand.class,
            CvCommand.class,
            CompareCommand.class,
            TuneCommand.class,
            DiagnoseCommand.class,
            PlanCommand.class,
            SampleCommand.class,
            OptimizeCommand.class,
            ScheduleCommand.class,
            BenchCommand.class,
            DoctorCommand.class,
            ListCommand.class,
            HelpCommand.class
        })
public final class Kindling implements Runnable {

    @Option(
            names = "--debug",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean debug;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * Runs the command line and returns the exit code (0 ok, 2 bad input, 3 the engine failed its
     * self-check, 1 failure).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Kindling());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReport(args));
        cli.setParameterExceptionHandler(
                (e, a) -> {
                    String suggestion = "";
                    if (e instanceof CommandLine.UnmatchedArgumentException u
                            && !u.getSuggestions().isEmpty()) {
                        suggestion =
                                "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
                    }
                    err.println(
                            "kindling: error: "
                                    + e.getMessage()
                                    + suggestion
                                    + " (see '"
                                    + helpFor(e.getCommandLine())
                                    + "')");
                    err.flush();
                    return 2;
                });
        return cli.execute(args);
    }

    private static String helpFor(CommandLine cl) {
        return cl.getParent() == null ? "kindling --help" : "kindling help " + cl.getCommandName();
    }

    public static void main(String[] args) {
        // the console's encoding, which System.out and System.err use too on Java 17
        PrintWriter out =
                new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
        PrintWriter err =
                new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
