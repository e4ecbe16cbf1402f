package io.kindling.cli;

import static io.kindling.cli.KindlingCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kindling.engine.check.CheckRow;
import io.kindling.engine.check.Deviation;
import io.kindling.engine.check.EngineCheck;
import io.kindling.engine.check.EngineFacts;
import io.kindling.engine.check.EngineGate;
import io.kindling.engine.check.EngineMismatchException;
import io.kindling.engine.check.EngineReport;
import io.kindling.engine.check.GoldenSet;
import io.kindling.engine.check.Mode;
import io.kindling.engine.memory.Allocator;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DoctorCommandTest {

    @TempDir Path tmp;

    private static final int CASES = GoldenSet.shipped().cases().size();

    @Test
    void aMissingOrMalformedGoldenFileIsABadInputNamingTheFile() throws Exception {
        var missing = run("doctor", "--golden", tmp.resolve("nope.json").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("nope.json: no such file"), missing.err());
        assertTrue(missing.err().contains("engine_golden.py"), missing.err());
        Path notASet = tmp.resolve("other.json");
        java.nio.file.Files.writeString(notASet, "{\"x\": 1}");
        var malformed = run("doctor", "--golden", notASet.toString());
        assertEquals(2, malformed.code(), malformed.err());
        assertTrue(malformed.err().contains("other.json is not a golden set"), malformed.err());
        assertTrue(malformed.err().contains("'cases' list"), malformed.err());
    }

    @Test
    void printsTheEngineTheIsaEveryCheckAndAHealthyVerdict() {
        var o = run("doctor");
        assertEquals(0, o.code(), o.err() + o.out());
        for (String part :
                List.of(
                        "engine   PyTorch 2.7.1 (libtorch), DJL 0.35.1",
                        "oneDNN ISA ",
                        "threads  intra-op ",
                        "malloc   " + Allocator.current().name(),
                        "golden   " + CASES + " cases × 3 modes",
                        "ms for the checks",
                        EngineCheck.LIBTORCH_LSTM,
                        "verdict: healthy")) {
            assertTrue(o.out().contains(part), () -> "'" + part + "' missing from\n" + o.out());
        }
        for (String mode : List.of("inference", "training", "backward")) {
            long rows =
                    o.out()
                            .lines()
                            .filter(l -> l.contains("  " + mode + "  ") && l.endsWith("ok"))
                            .count();
            assertTrue(rows >= CASES, mode + ": " + rows + " ok rows\n" + o.out());
        }
    }

    @Test
    void jsonHasEveryCheckAndTheDiagnosticRow() throws Exception {
        var o = run("doctor", "--json", "--threads", "1");
        assertEquals(0, o.code(), o.err());
        JsonNode d = new ObjectMapper().readTree(o.out());
        assertTrue(d.get("healthy").asBoolean());
        assertEquals(3 * CASES, d.get("checks").size());
        assertEquals(1, d.get("intra_op_threads").asInt());
        assertEquals("PyTorch", d.get("engine").asText());
        assertFalse(d.get("isa").asText().isBlank());
        assertEquals(Allocator.current().name(), d.get("allocator").asText());
        assertEquals(EngineCheck.LIBTORCH_LSTM, d.get("diagnostics").get(0).get("check").asText());
        JsonNode first = d.get("checks").get(0);
        assertEquals("inference", first.get("mode").asText());
        assertTrue(first.get("error").asDouble() <= first.get("tolerance").asDouble());
    }

    @Test
    void glibcIsShownWithWhyItMattersAndACachingAllocatorPlainly() {
        String glibc = DoctorCommand.allocatorLine(new Allocator("glibc", "", ""));
        assertTrue(glibc.startsWith("glibc — training can run several times slower"), glibc);
        assertTrue(glibc.contains("preloads jemalloc"), glibc);
        Allocator je =
                new Allocator("jemalloc", "/usr/lib/libjemalloc.so.2", "MALLOC_CONF=narenas:2");
        assertEquals(
                "jemalloc (/usr/lib/libjemalloc.so.2), MALLOC_CONF=narenas:2",
                DoctorCommand.allocatorLine(je));
    }

    @Test
    void aMismatchPrintsTheRowAndExits3() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode golden;
        try (InputStream in = GoldenSet.class.getResourceAsStream(GoldenSet.SHIPPED)) {
            golden = (ObjectNode) json.readTree(in);
        }
        ArrayNode values = (ArrayNode) golden.get("cases").get(0).get("inference").get("values");
        values.set(0, values.get(0).asDouble() + 0.5);
        Path file = tmp.resolve("wrong.json");
        json.writeValue(file.toFile(), golden);

        var o = run("doctor", "--golden", file.toString());
        assertEquals(DoctorCommand.MISMATCH, o.code(), o.err() + o.out());
        String name = golden.get("cases").get(0).get("name").asText();
        assertTrue(
                o.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.startsWith(name)
                                                && l.contains("inference")
                                                && l.contains("MISMATCH (output element 0)")),
                o.out());
        assertTrue(o.out().contains("verdict: MISMATCH — 1 of " + 3 * CASES), o.out());
        assertTrue(o.out().contains("DNNL_MAX_CPU_ISA"), o.out());
    }

    @Test
    void aRunRefusedByTheEngineIsOneLineAndExitCode3() {
        EngineFacts facts =
                new EngineFacts(
                        "PyTorch", "2.7.1", "0.35.1", "cpu", "avx512_core", List.of(), "", 2, 1);
        CheckRow wrong =
                new CheckRow(
                        "lstm(hidden=17, layers=1) on 2×3×4",
                        "lstm",
                        Mode.INFERENCE,
                        new Deviation("output element 3", 0.4, 1e-4));
        var e = new EngineMismatchException(new EngineReport(facts, List.of(wrong), List.of(), 1));
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Kindling());
        cl.setErr(new PrintWriter(err, true));
        int code = new ErrorReport(new String[0]).handleExecutionException(e, cl, null);
        assertEquals(3, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(
                err.toString().startsWith("kindling: error: The engine self-check failed: lstm"),
                err.toString());
    }

    @Test
    void childRunsInheritTheCheckPolicy() {
        try {
            System.setProperty(EngineGate.PROPERTY, "warn");
            assertEquals(List.of("-Dkindling.engine.check=warn"), ChildProcessLauncher.forwarded());
        } finally {
            System.clearProperty(EngineGate.PROPERTY);
        }
        assertEquals(List.of(), ChildProcessLauncher.forwarded());
    }
}
