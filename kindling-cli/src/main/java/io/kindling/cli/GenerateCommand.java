package io.kindling.cli;

import io.kindling.train.SavedRun;
import io.kindling.train.TextGeneration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kindling generate}: samples text from a trained language model. */
@Command(
        name = "generate",
        description = {
            "Continue a prompt with a language model trained on text(path=...): the run's"
                    + " checkpoint reads the last context tokens and samples the next one from"
                    + " softmax(logits/T) over the k most likely tokens, seeded.",
            "",
            "Examples:",
            "  kindling generate runs/gpt --prompt \"The \" --tokens 200",
            "  kindling generate runs/gpt --prompt Q: --temperature 0.8 --top-k 10 --seed 3"
        },
        mixinStandardHelpOptions = true)
final class GenerateCommand implements Callable<Integer> {

    @Spec CommandSpec command;

    @Parameters(paramLabel = "RUN_DIR", description = "A run folder with checkpoints.")
    Path run;

    @Option(
            names = "--prompt",
            paramLabel = "TEXT",
            required = true,
            description = "The start of the text; every character must be in the vocabulary.")
    String prompt;

    @Option(
            names = "--tokens",
            paramLabel = "N",
            defaultValue = "200",
            description = "Tokens to generate (default 200).")
    int tokens;

    @Option(
            names = "--temperature",
            paramLabel = "T",
            defaultValue = "1.0",
            description = "Softmax temperature; 0 takes the most likely token (default 1).")
    double temperature;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "0",
            description = "Sample among the K most likely tokens; 0 keeps all (default 0).")
    int topK;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seed of the sampling (default 0).")
    long seed;

    @Option(
            names = "--which",
            paramLabel = "last|best",
            defaultValue = "last",
            description = "The newest valid step checkpoint (last, default) or the best one.")
    String which;

    @Override
    public Integer call() {
        PrintWriter console = command.commandLine().getOut();
        TextGeneration generation = new TextGeneration(tokens, temperature, topK, seed);
        SavedRun saved = SavedRun.open(run, which);
        console.println(generation.generate(saved, prompt));
        return 0;
    }
}
