package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kindling train} with monitors: the automatic split line, the test_* opt-in. */
class ModelSelectionCommandTest {

    @TempDir Path tmp;

    static final List<String> SMALL =
            List.of(
                    "train",
                    "--data",
                    "fashion-mnist(source=subset)",
                    "--model",
                    "mlp(depth=1, width=16)",
                    "--batch",
                    "256",
                    "--threads",
                    "1",
                    "--steps",
                    "3");

    record Run(KindlingCliTest.Outcome outcome, String console) {}

    /** Runs the CLI, also capturing what training prints on standard output. */
    static Run train(String... more) {
        List<String> args = new ArrayList<>(SMALL);
        args.addAll(List.of(more));
        PrintStream saved = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            return new Run(
                    run(args.toArray(String[]::new)), console.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void aMonitorWithoutAValidationSplitHoldsOneOutAndSaysSo() throws Exception {
        Path dir = tmp.resolve("auto");
        Run r = train("--early-stopping", "early_stopping(patience=2)", "--out", dir.toString());
        assertEquals(0, r.outcome().code(), r.outcome().err());
        List<String> said = r.console().lines().filter(l -> l.startsWith("validation ")).toList();
        assertEquals(
                List.of(
                        "validation 10% of the training split held out automatically"
                                + " (stratified, seed 0): 600 of 6,000 rows, for early_stopping's monitor"
                                + " val_loss; set validation to change it"),
                said);
        String config = Files.readString(dir.resolve("config.yaml"));
        assertTrue(config.contains("validation_auto: true"), config);
    }

    @Test
    void aTestMonitorIsRefusedWithoutTheOptInAndWarnedWithIt() throws Exception {
        Run refused =
                train(
                        "--early-stopping",
                        "early_stopping(monitor=test_loss)",
                        "--out",
                        tmp.resolve("refused").toString());
        assertEquals(2, refused.outcome().code(), "exit code " + refused.outcome().code());
        String err = refused.outcome().err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.contains("'test_loss'") && err.contains("--monitor-test"), err);
        assertFalse(Files.exists(tmp.resolve("refused/metrics.jsonl")), "nothing trained");

        Run warned =
                train(
                        "--on-plateau",
                        "reduce_on_plateau(monitor=test_loss)",
                        "--monitor-test",
                        "--out",
                        tmp.resolve("warned").toString());
        assertEquals(0, warned.outcome().code(), warned.outcome().err());
        List<String> warnings =
                warned.console().lines().filter(l -> l.startsWith("warning")).toList();
        assertEquals(1, warnings.size(), warned.console());
        assertTrue(
                warnings.get(0).contains("reduce_on_plateau monitors test_loss")
                        && warnings.get(0).contains("optimistic"),
                warnings.get(0));
        assertFalse(
                warned.console().contains("held out automatically"),
                "no split needed:\n" + warned.console());
    }
}
