package io.kindling.engine.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped golden set passes on this machine, and a golden value forced wrong is reported as a
 * mismatch naming its operation and mode; the gate refuses with the workaround, and its system
 * property's values work.
 */
class EngineCheckTest {

    private static final GoldenSet SHIPPED = GoldenSet.shipped();

    /** The shipped set with the LSTM's first inference output value off by 0.5. */
    static GoldenSet wrongLstmInference() {
        return Forced.firstCase(
                SHIPPED, "lstm", c -> Forced.inference(c, t -> Forced.firstValue(t, 0.5)));
    }

    @AfterEach
    void restore() {
        System.clearProperty(EngineGate.PROPERTY);
        EngineGate.useGoldenSet(null);
    }

    @Test
    void theShippedSetPassesOnThisMachineInEveryMode() {
        EngineReport r = EngineCheck.run(SHIPPED);
        assertEquals(3 * SHIPPED.cases().size(), r.rows().size());
        assertTrue(r.healthy(), () -> "failures: " + r.failures());
        assertEquals(
                List.of(
                        "attention",
                        "batch_norm",
                        "conv2d",
                        "gru",
                        "layer_norm",
                        "linear",
                        "lstm",
                        "rnn_tanh"),
                r.rows().stream().map(CheckRow::op).distinct().sorted().toList());
        System.out.printf("shipped engine check: %.1f ms (%s)%n", r.millis(), r.facts());
    }

    @Test
    void aWrongInferenceValueIsAMismatchOfThatOpAndModeOnly() {
        EngineReport r = EngineCheck.run(wrongLstmInference());
        assertFalse(r.healthy());
        List<CheckRow> failures = r.failures();
        assertEquals(1, failures.size(), failures::toString);
        CheckRow f = failures.get(0);
        assertEquals("lstm", f.op());
        assertEquals(Mode.INFERENCE, f.mode());
        assertEquals(SHIPPED.cases().get(0).name(), f.check());
        assertEquals("output element 0", f.worst().where());
        assertEquals(0.5, f.error(), 1e-3);
    }

    @Test
    void aWrongProjectionOfATensorTooLargeToStoreIsAMismatch() {
        GoldenSet bad =
                Forced.firstCase(
                        SHIPPED,
                        "conv2d",
                        c -> {
                            assertFalse(c.inference().hasValues(), "conv output stored whole");
                            double tolerance = c.inference().projectionTolerance();
                            return Forced.inference(c, t -> Forced.dot1(t, 2 * tolerance));
                        });
        List<CheckRow> failures = EngineCheck.run(bad).failures();
        assertEquals(1, failures.size(), failures::toString);
        assertEquals("conv2d", failures.get(0).op());
        assertEquals(Mode.INFERENCE, failures.get(0).mode());
        assertEquals("output dot1", failures.get(0).worst().where());
    }

    @Test
    void libtorchsRawLstmInferenceKernelIsOneRowThatInformsButNeverDecides() {
        EngineReport shipped = EngineCheck.diagnose(SHIPPED);
        assertEquals(1, shipped.diagnostics().size());
        CheckRow raw = shipped.diagnostics().get(0);
        assertEquals(EngineCheck.LIBTORCH_LSTM, raw.check());
        assertEquals(Mode.INFERENCE, raw.mode());
        System.out.println("libtorch's LSTM inference kernel here: " + raw.worst());

        EngineReport bad = EngineCheck.diagnose(wrongLstmInference());
        assertFalse(bad.diagnostics().get(0).ok(), "the raw kernel compares with the same values");
        EngineReport onlyDiagnosticFails =
                new EngineReport(shipped.facts(), shipped.rows(), bad.diagnostics(), 0);
        assertTrue(onlyDiagnosticFails.healthy());
    }

    @Test
    void theGateRefusesWithTheOpTheIsaAndTheWorkaround() {
        EngineGate.useGoldenSet(wrongLstmInference());
        EngineMismatchException e =
                assertThrows(EngineMismatchException.class, EngineGate::requireHealthy);
        String m = e.getMessage();
        EngineFacts facts = e.report().facts();
        for (String part :
                List.of(
                        "lstm(hidden=16, layers=1)",
                        "inference mode",
                        "DNNL_MAX_CPU_ISA=AVX2",
                        facts.isa(),
                        "`kindling doctor` shows every check",
                        "kindling.engine.check=warn")) {
            assertTrue(m.contains(part), () -> "'" + part + "' missing from: " + m);
        }
        assertEquals(1, m.lines().count(), "one paragraph: the CLI prints the first line");
        // kept for the process: the second run refuses without checking again
        assertThrows(EngineMismatchException.class, EngineGate::requireHealthy);
    }

    @Test
    void warnPrintsTheMessageOnceAndGoesOn() {
        EngineGate.useGoldenSet(wrongLstmInference());
        System.setProperty(EngineGate.PROPERTY, "warn");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream warnings = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> EngineGate.requireHealthy(warnings));
        assertDoesNotThrow(() -> EngineGate.requireHealthy(warnings));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("kindling: warning: The engine self-check failed"), out);
        assertTrue(out.contains("DNNL_MAX_CPU_ISA=AVX2") && out.contains("Going on"), out);
    }

    @Test
    void offSkipsTheCheckAltogether() {
        // a case that cannot even be built: running it would throw
        GoldenCase broken =
                new GoldenCase(
                        "broken",
                        "no_such_op",
                        Map.of(),
                        SHIPPED.cases().get(0).tensors(),
                        SHIPPED.cases().get(0).inference(),
                        SHIPPED.cases().get(0).training(),
                        Map.of());
        EngineGate.useGoldenSet(SHIPPED.withCases(List.of(broken)));
        System.setProperty(EngineGate.PROPERTY, "off");
        assertDoesNotThrow(() -> EngineGate.requireHealthy());
        System.setProperty(EngineGate.PROPERTY, "fail");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, EngineGate::requireHealthy);
        assertTrue(e.getMessage().contains("no_such_op") && e.getMessage().contains("lstm"));
    }

    @Test
    void aBadPropertyValueNamesItAndTheAcceptedOnes() {
        System.setProperty(EngineGate.PROPERTY, "sometimes");
        ConfigException e = assertThrows(ConfigException.class, EngineGate::requireHealthy);
        assertTrue(e.getMessage().contains("kindling.engine.check=sometimes"), e.getMessage());
        assertTrue(e.getMessage().contains("[fail, warn, off]"), e.getMessage());
    }

    @Test
    void aHealthyEngineGoesThroughTheGate() {
        assertDoesNotThrow(() -> EngineGate.requireHealthy());
        assertTrue(EngineGate.report().healthy());
    }
}
