package io.kindling.engine.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kindling's LSTM, GRU and RNN compute what PyTorch computes in float64 — the output in inference
 * and in training mode, and every gradient — at hidden sizes on both sides of every {@code H mod
 * 32} boundary, with one and two layers (fixture: {@code tools/reference/engine_golden.py
 * --recurrent}). oneDNN 3.7.1's AVX-512 LSTM inference kernel is wrong on some CPUs for {@code H
 * mod 32} in 1..16; Kindling's LSTM evaluates through the training kernel, and this is the test of
 * that scope: it fails on such a CPU if evaluation ever goes back to the inference kernel.
 */
class RecurrentKernelsMatchTorchTest {

    private static final GoldenSet WIDE = GoldenSet.resource("/reference/recurrent_kernels.json");

    /** Each case runs once, for its three rows. */
    private static final Map<String, List<CheckRow>> ROWS = new ConcurrentHashMap<>();

    static Stream<Arguments> casesAndModes() {
        return WIDE.cases().stream()
                .flatMap(c -> Stream.of(Mode.values()).map(m -> Arguments.of(c.name(), m.text())));
    }

    @ParameterizedTest(name = "{0} matches PyTorch in {1} mode")
    @MethodSource("casesAndModes")
    void matchesPyTorch(String name, String mode) {
        GoldenCase c =
                WIDE.cases().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        CheckRow row =
                ROWS.computeIfAbsent(name, n -> EngineCheck.run(c)).stream()
                        .filter(r -> r.mode().text().equals(mode))
                        .findFirst()
                        .orElseThrow();
        assertTrue(row.ok(), () -> name + " in " + mode + " mode: " + row.worst());
    }

    @Test
    void theFixtureSpansEveryHiddenSizeBoundaryWithOneAndTwoLayers() {
        Set<String> lstm = new TreeSet<>();
        WIDE.cases().stream()
                .filter(c -> c.op().equals("lstm"))
                .forEach(c -> lstm.add(c.intArg("hidden") + "/" + c.intArg("layers")));
        for (int h : new int[] {1, 4, 15, 16, 17, 31, 32, 33, 48, 49, 63, 64, 65, 100, 128, 129}) {
            for (int layers = 1; layers <= 2; layers++) {
                assertTrue(lstm.contains(h + "/" + layers), "no lstm H=" + h + " layers=" + layers);
            }
        }
        assertTrue(WIDE.cases().stream().anyMatch(c -> c.op().equals("gru")));
        assertTrue(WIDE.cases().stream().anyMatch(c -> c.op().equals("rnn_tanh")));
    }

    @Test
    void aWrongGoldenValueOfTheLargestLstmFailsItsMode() {
        GoldenCase largest =
                WIDE.cases().stream()
                        .filter(c -> c.op().equals("lstm"))
                        .max((a, b) -> Long.compare(a.inference().size(), b.inference().size()))
                        .orElseThrow();
        assertFalse(largest.inference().hasValues(), "checked through its projections only");
        double tolerance = largest.inference().projectionTolerance();
        GoldenCase wrong = Forced.inference(largest, t -> Forced.dot1(t, 2 * tolerance));
        List<CheckRow> failures = EngineCheck.run(wrong).stream().filter(r -> !r.ok()).toList();
        assertEquals(1, failures.size(), failures::toString);
        assertEquals(Mode.INFERENCE, failures.get(0).mode());
        assertEquals("output dot1", failures.get(0).worst().where());
    }
}
