package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir Path tmp;

    @Test
    void variantsFromAFileProduceSummaryAndReport() throws Exception {
        Path yaml = tmp.resolve("cmp.yaml");
        Files.writeString(
                yaml,
                String.join(
                        "\n",
                        "model: mlp(depth=4, width=16)",
                        "data: fashion-mnist(source=subset)",
                        "steps: 20",
                        "batch: 64",
                        "threads: 1",
                        "variants:",
                        "  - {label: he, init: \"kaiming_normal(nonlinearity=relu)\"}",
                        "  - {label: xavier, init: xavier_normal}",
                        ""));
        Path out = tmp.resolve("cmp");
        var o = run("compare", yaml.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("he") && o.out().contains("report:"), o.out());
        assertTrue(Files.exists(out.resolve("summary.json")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        var again = run("compare", yaml.toString(), "--out", out.toString());
        assertEquals(2, again.code(), "an existing comparison is not overwritten");
    }

    @Test
    void parallelRunsGoToChildProcessesAndGiveTheSameFolders() throws Exception {
        Path out = tmp.resolve("par");
        var o =
                run(
                        "compare",
                        "--model",
                        "mlp(depth=1, width=8)",
                        "--init",
                        "xavier_normal",
                        "--init",
                        "kaiming_normal",
                        "--steps",
                        "10",
                        "--seeds",
                        "2",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--parallel",
                        "2",
                        "--out",
                        out.toString());
        assertEquals(0, o.code(), o.err());
        for (String v : new String[] {"xavier_normal", "kaiming_normal"}) {
            for (int s = 0; s < 2; s++) {
                Path run = out.resolve(v).resolve("seed-" + s);
                assertTrue(
                        Files.readString(run.resolve("metrics.jsonl")).contains("test_accuracy"),
                        run
                                + "\n"
                                + Files.readString(out.resolve(v).resolve("seed-" + s + ".log")));
                assertTrue(Files.readString(run.resolve("config.yaml")).contains("threads: 1"));
            }
        }
        var summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, summary.get("variants").get(1).get("seeds").size());
        assertTrue(summary.get("variants").get(1).get("test_accuracy").asDouble() > 0.05);
    }

    @Test
    void badVariantsAreRefusedBeforeAnyTraining() throws Exception {
        Path out = tmp.resolve("bad");
        var o =
                run(
                        "compare",
                        "--init",
                        "xavier_normal",
                        "--init",
                        "dirac",
                        "--steps",
                        "5",
                        "--data",
                        "fashion-mnist(source=subset)",
                        "--out",
                        out.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("dirac") && o.err().contains("layer1.weight"), o.err());
        assertTrue(!Files.exists(out.resolve("xavier_normal")), "nothing trained");
        Path yaml = tmp.resolve("badkey.yaml");
        Files.writeString(yaml, "steps: 5\nvariants:\n  - {label: a, intt: zeros}\n");
        o = run("compare", yaml.toString(), "--out", tmp.resolve("bad2").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("intt") && o.err().contains("init"), o.err());
        Path empty = tmp.resolve("empty.yaml");
        Files.writeString(empty, "steps: 5\nvariants: []\n");
        o = run("compare", empty.toString(), "--out", tmp.resolve("bad3").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Nothing to compare"), o.err());
    }

    @Test
    void nothingToCompareIsAnError() {
        var o = run("compare", "--steps", "1");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--init"), o.err());
    }
}
