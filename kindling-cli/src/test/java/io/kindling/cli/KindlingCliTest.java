package io.kindling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindlingCliTest {

    @TempDir Path tmp;

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) { // shared by the command tests
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kindling.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandWithExamples() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        for (String cmd : new String[] {"train", "bench", "list", "help", "Examples:"}) {
            assertTrue(o.out().contains(cmd), cmd + " missing from\n" + o.out());
        }
        Outcome train = run("help", "train");
        assertTrue(train.out().contains("--optimizer=EXPR"), train.out());
        assertTrue(train.out().contains("Examples:"), train.out());
    }

    @Test
    void unknownInitializerIsOneLineNamingTheTokenAndSuggestion() {
        Outcome o =
                run(
                        "train",
                        "--init",
                        "he_nromal",
                        "--steps",
                        "1",
                        "--out",
                        tmp.resolve("r").toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("he_nromal") && o.err().contains("he_normal"), o.err());
        assertFalse(o.err().contains("at io.kindling"), "no stack trace: " + o.err());
        assertFalse(Files.exists(tmp.resolve("r/metrics.jsonl")));
    }

    @Test
    void badArgumentValueNamesTheValue() {
        Outcome o = run("train", "--optimizer", "sgd(lr=-1)", "--steps", "1");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("lr") && o.err().contains("-1"), o.err());
    }

    @Test
    void missingDataFolderNamesThePath() {
        Outcome o =
                run(
                        "train",
                        "--data",
                        "fashion-mnist(source=full, dir='/no/such/dir')",
                        "--steps",
                        "1",
                        "--out",
                        tmp.resolve("r").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("/no/such/dir"), o.err());
    }

    @Test
    void unwritableOutputFolderIsRefused() throws Exception {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        Outcome o =
                run(
                        "train",
                        "--steps",
                        "1",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--out",
                        file.resolve("run").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(file.toString()), o.err());
    }

    @Test
    void debugPrintsTheStackTrace() {
        Outcome o = run("train", "--init", "nope", "--steps", "1", "--debug");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("at io.kindling"), o.err());
    }

    @Test
    void experimentFileTrainsAndOptionsOverrideIt() throws Exception {
        Path yaml = tmp.resolve("exp.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "model: mlp(depth=1, width=32)",
                        "init: xavier_normal",
                        "optimizer: sgd(lr=0.1)",
                        "data: fashion-mnist(source=subset)",
                        "epochs: 3",
                        "batch: 100",
                        "threads: 1",
                        ""));
        Path out = tmp.resolve("run");
        Outcome o =
                run(
                        "train",
                        yaml.toString(),
                        "--steps",
                        "12",
                        "--seed",
                        "5",
                        "--out",
                        out.toString());
        assertEquals(0, o.code(), o.err());
        String config = Files.readString(out.resolve("config.yaml"));
        assertTrue(config.contains("steps: 12") && !config.contains("epochs"), config);
        assertTrue(config.contains("seed: 5") && config.contains("xavier_normal"), config);
        assertTrue(Files.readString(out.resolve("metrics.jsonl")).contains("test_accuracy"));
    }

    @Test
    void unknownExperimentKeyIsRefused() throws Exception {
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "modle: mlp\n");
        Outcome o = run("train", yaml.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("modle") && o.err().contains("model"), o.err());
    }

    @Test
    void listShowsRegisteredInitializers() {
        Outcome o = run("list", "initializers");
        assertEquals(0, o.code());
        assertTrue(o.out().contains("kaiming_normal") && o.out().contains("xavier_normal"));
    }
}
