package io.kindling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.nn.Model;
import io.kindling.train.Experiment;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The progress line's pieces, and the output of scripted runs on a fake clock. */
class ConsoleProgressTest {

    private static final long MS = 1_000_000L;

    @Test
    void barIsTwentyCellsFilledInProportion() {
        assertEquals("[--------------------]", ConsoleProgress.bar(0, 469));
        assertEquals("[#########-----------]", ConsoleProgress.bar(212, 469), "45%");
        assertEquals(
                "[###################-]", ConsoleProgress.bar(468, 469), "full only at the end");
        assertEquals("[####################]", ConsoleProgress.bar(469, 469));
        assertEquals("[####################]", ConsoleProgress.bar(500, 469), "clamped");
    }

    @Test
    void lineReadsEpochBarPercentStepsLossAccLrThroughputAndEta() {
        assertEquals(
                "epoch 3/10 [#########-----------]  45% 212/469  loss 0.4123  acc 0.8412"
                        + "  lr 0.0500  22.8k samples/s  ETA 0:12",
                new ConsoleProgress.Line(3, 10, 212, 469, 0.4123, 0.8412, 0.05, 22_800, 12).text());
        assertEquals(
                "epoch 1/10 [--------------------]   0% 0/469  loss 2.3026  ETA -:--",
                new ConsoleProgress.Line(
                                1,
                                10,
                                0,
                                469,
                                2.3026,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN)
                        .text(),
                "unknowns are left out");
        assertEquals(
                "epoch 4 [####################] 100% 469/469  loss 0.3000  lr 3.00e-04"
                        + "  950 samples/s  ETA 1:02:05",
                new ConsoleProgress.Line(4, 0, 469, 469, 0.3, Double.NaN, 3e-4, 950, 3725).text());
    }

    @Test
    void etaIsMinutesSecondsUnderAnHourAndHoursMinutesSecondsFromAnHour() {
        assertEquals("0:00", ConsoleProgress.eta(0));
        assertEquals("0:12", ConsoleProgress.eta(12.4));
        assertEquals("1:00", ConsoleProgress.eta(59.6));
        assertEquals("59:59", ConsoleProgress.eta(3599));
        assertEquals("1:00:00", ConsoleProgress.eta(3600));
        assertEquals("1:02:05", ConsoleProgress.eta(3725));
        assertEquals("25:01:01", ConsoleProgress.eta(90_061));
        assertEquals("-:--", ConsoleProgress.eta(Double.NaN));
    }

    @Test
    void throughputAndLearningRateArePrintedCompactly() {
        assertEquals("950", ConsoleProgress.rate(950));
        assertEquals("22.8k", ConsoleProgress.rate(22_800));
        assertEquals("1.2M", ConsoleProgress.rate(1_234_567));
        assertEquals("0.0500", ConsoleProgress.learningRate(0.05));
        assertEquals("1.00e-05", ConsoleProgress.learningRate(1e-5));
    }

    @Test
    void logOutputIsPlainLinesAtLoggedRecordsAndEpochEnds() {
        String out = run(false, 1000 * MS);
        assertFalse(out.contains("\r"), "no carriage returns in a log");
        assertEquals(
                List.of(
                        "epoch 1/2 [########------------]  40% 2/5  loss 1.5000  lr 0.0500  2.0k samples/s  ETA 0:08",
                        "epoch 1/2 [################----]  80% 4/5  loss 2.5000  lr 0.0250  4.0k samples/s  ETA 0:06",
                        "epoch 1/2 [####################] 100% 5/5  loss 3.0000  lr 0.0250  5.0k samples/s  ETA 0:05",
                        "epoch 1/2  step 5  test_loss 0.5000  test_accuracy 0.8100",
                        "epoch 2/2 [####----------------]  20% 1/5  loss 6.0000  acc 0.8100  lr 0.0167  6.0k samples/s  ETA 0:04",
                        "epoch 2/2 [############--------]  60% 3/5  loss 7.0000  acc 0.8100  lr 0.0125  8.0k samples/s  ETA 0:02",
                        "epoch 2/2 [####################] 100% 5/5  loss 8.0000  acc 0.8100  lr 0.0125  10.0k samples/s  ETA 0:00",
                        "epoch 2/2  step 10  test_loss 0.5000  test_accuracy 0.8200",
                        "done: 10 steps in 10.0 s, 10000 samples/s, final train_loss 1.0000, test_accuracy NaN"),
                out.lines().toList());
    }

    @Test
    void terminalOutputRedrawsAtMostEvery200MsAndEndsEachEpochWithANewline() {
        String out = run(true, 100 * MS);
        List<String> lines = Arrays.asList(out.split("\n", -1));
        assertEquals(6, lines.size(), "two bars, two evaluations, the summary, then nothing");
        assertEquals("", lines.get(5));
        // 100 ms a step: drawn at the first step, 200 ms later, and at the epoch's end.
        assertEquals(List.of("1/5", "3/5", "5/5"), steps(lines.get(0), "epoch 1/2 ["));
        assertEquals(List.of("1/5", "3/5", "5/5"), steps(lines.get(2), "epoch 2/2 ["));
        String last = lines.get(0).substring(lines.get(0).lastIndexOf('\r') + 1);
        assertEquals(
                "epoch 1/2 [####################] 100% 5/5  loss 3.0000  lr 0.0250"
                        + "  5.0k samples/s  ETA 0:01",
                last.stripTrailing());
        assertEquals("epoch 1/2  step 5  test_loss 0.5000  test_accuracy 0.8100", lines.get(1));
        assertEquals("epoch 2/2  step 10  test_loss 0.5000  test_accuracy 0.8200", lines.get(3));
        assertTrue(lines.get(4).startsWith("done: 10 steps"));
        assertEquals(
                10,
                run(true, 250 * MS).chars().filter(c -> c == '\r').count(),
                "a step every 250 ms redraws at every step");
    }

    @Test
    void bannerComesFirstAndTheOptimizersLrStandsInUntilARecordGivesOne() {
        TrainSpec spec =
                new Experiment(
                                Map.of(
                                        "optimizer",
                                        "sgd(lr=0.05)",
                                        "steps",
                                        12,
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "threads",
                                        1))
                        .resolve();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p =
                new ConsoleProgress(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> 0L);
        p.onStart(
                spec,
                new Model(spec.network().model(), null, null, List.of(), List.of(), null),
                List.of(),
                "subset",
                12);
        p.onEpochStart(1, 0, 5);
        p.onRecord(record(0, 1, "non_finite_loss", true));
        for (int step = 1; step <= 5; step++) {
            p.onStep(step, 1, 0.7, 100);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("model     mlp("), lines.get(0));
        assertTrue(lines.get(1).startsWith("init      kaiming_normal("), lines.get(1));
        assertEquals("optimizer " + spec.optimization().optimizer().print(), lines.get(2));
        assertEquals("data      subset", lines.get(3));
        assertTrue(lines.get(4).startsWith("steps     12 (batch 128, seed 0, threads 1)"));
        assertEquals(6, lines.size(), "one line at the epoch's end");
        assertTrue(
                lines.get(5)
                        .startsWith(
                                "epoch 1/3 [####################] 100% 5/5  loss 0.7000"
                                        + "  lr 0.0500  100 samples/s"),
                "12 steps of 5 make 3 epochs: " + lines.get(5));
    }

    @Test
    void validationAccuracyAndPlateauLrAreShownWhenPresent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p =
                new ConsoleProgress(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> 0L);
        p.begin(4, 2, 0.1);
        p.onEpochStart(1, 0, 2);
        p.onStep(1, 1, 1.0, 10);
        p.onStep(2, 1, 1.0, 10);
        p.onRecord(
                record(
                        2,
                        1,
                        "val_loss",
                        0.9,
                        "val_accuracy",
                        0.6,
                        "test_loss",
                        0.8,
                        "test_accuracy",
                        0.7,
                        "plateau_lr",
                        0.01));
        p.onEpochStart(2, 2, 2);
        p.onStep(3, 2, 1.0, 10);
        p.onStep(4, 2, 1.0, 10);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                "epoch 1/2  step 2  val_loss 0.9000  val_accuracy 0.6000  test_loss 0.8000"
                        + "  test_accuracy 0.7000",
                lines.get(1));
        assertTrue(lines.get(2).contains("  acc 0.6000  lr 0.0100  "), lines.get(2));
    }

    @Test
    void aLineCutShortMidEpochIsBroughtUpToItsLastStepBeforeItEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p =
                new ConsoleProgress(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), true, () -> 0L);
        p.begin(10, 1, 0.1);
        p.onEpochStart(1, 0, 10);
        for (int step = 1; step <= 3; step++) {
            p.onStep(step, 1, 1.0, 10);
        }
        p.onRecord(record(3, 1, "test_loss", 0.5, "test_accuracy", 0.9));
        List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(List.of("1/10", "3/10"), steps(lines.get(0), "epoch 1/1 ["));
        assertEquals("epoch 1/1  step 3  test_loss 0.5000  test_accuracy 0.9000", lines.get(1));
    }

    @Test
    void aResumedRunShowsTheEpochsProgressAndTimesOnlyItsOwnSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ConsoleProgress p =
                new ConsoleProgress(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now[0]);
        p.begin(10, 2, 0.1);
        p.onEpochStart(2, 5, 5); // resumed after step 7, in the epoch that began after step 5
        for (int step = 8; step <= 10; step++) {
            now[0] += 1000 * MS;
            p.onStep(step, 2, 1.0, 10);
            if (step == 8) {
                p.onRecord(record(step, 2, "train_loss", 1.0));
            }
        }
        assertEquals(
                List.of(
                        "epoch 2/2 [############--------]  60% 3/5  loss 1.0000  lr 0.1000  10 samples/s  ETA 0:02",
                        "epoch 2/2 [####################] 100% 5/5  loss 1.0000  lr 0.1000  10 samples/s  ETA 0:00"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The epoch-local step counts of the redraws in one terminal line. */
    private static List<String> steps(String line, String prefix) {
        return Pattern.compile("\r")
                .splitAsStream(line)
                .skip(1)
                .map(
                        s -> {
                            assertTrue(s.startsWith(prefix), s);
                            return Pattern.compile(" +").split(s)[4];
                        })
                .toList();
    }

    /**
     * Two epochs of 5 steps, a step every {@code nanosPerStep}, logged every 2 steps (and at the
     * last), evaluated after each epoch; step {@code s} has loss {@code s} and throughput {@code
     * 1000 s}.
     */
    private static String run(boolean interactive, long nanosPerStep) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ConsoleProgress p =
                new ConsoleProgress(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        interactive,
                        () -> now[0]);
        p.begin(10, 2, 0.1);
        int step = 0;
        for (int epoch = 1; epoch <= 2; epoch++) {
            p.onEpochStart(epoch, step, 5);
            for (int i = 0; i < 5; i++) {
                step++;
                now[0] += nanosPerStep;
                p.onStep(step, epoch, step, 1000.0 * step);
                if (step % 2 == 0 || step == 10) {
                    p.onRecord(record(step, epoch, "train_loss", 1.0, "train_lr", 0.1 / step));
                }
            }
            p.onRecord(record(step, epoch, "test_loss", 0.5, "test_accuracy", 0.8 + epoch / 100.0));
        }
        p.onEnd(new TrainResult(10, 2, 1.0, null, null, 10_000, 10, null));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> record(long step, int epoch, Object... keyValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("step", step);
        r.put("epoch", epoch);
        for (int i = 0; i < keyValues.length; i += 2) {
            r.put((String) keyValues[i], keyValues[i + 1]);
        }
        return r;
    }
}
