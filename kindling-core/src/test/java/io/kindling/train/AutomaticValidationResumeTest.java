package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose validation split was held out automatically (monitors at their val_loss default, no
 * {@code validation} given) resumes bit-identically: the split comes back from config.yaml and the
 * seed, not from whatever the default is when the run resumes.
 */
class AutomaticValidationResumeTest {

    @TempDir Path tmp;

    static TrainSpec spec() {
        return new Experiment(
                        Map.ofEntries(
                                Map.entry("model", "mlp(depth=2, width=32, dropout=0.2)"),
                                Map.entry("optimizer", "adam(lr=0.003)"),
                                Map.entry(
                                        "on_plateau", "reduce_on_plateau(patience=0, factor=0.5)"),
                                Map.entry(
                                        "early_stopping",
                                        "early_stopping(patience=50, restore_best=true)"),
                                Map.entry("data", "fashion-mnist(source=subset)"),
                                Map.entry("steps", 50),
                                Map.entry("batch", 256),
                                Map.entry("seed", 5),
                                Map.entry("threads", 1),
                                Map.entry("log_every", 5),
                                Map.entry("checkpoint_every", 10),
                                Map.entry("keep_last", 2),
                                Map.entry("keep_best", true)))
                .resolve();
    }

    @Test
    void aStoppedRunWithAnAutomaticSplitResumesBitIdentically() throws Exception {
        assertTrue(spec().input().validationAuto(), "the split is automatic: " + spec().describe());
        Path reference = tmp.resolve("reference");
        TrainRun.execute(spec(), reference, List.of());
        Path run = tmp.resolve("stopped");
        Callback stopAt23 =
                new Callback() {
                    @Override
                    public void onStepEnd(TrainState s, double loss) {
                        if (s.step() == 23) {
                            s.requestStop(StopSignal.REASON);
                        }
                    }
                };
        assertEquals(23, TrainRun.execute(spec(), run, List.of(), List.of(stopAt23)).steps());
        ResumeTest.resume(run);
        ResumeTest.assertSameRun(reference, run);
        assertTrue(
                ResumeTest.records(run).stream().anyMatch(r -> r.contains("\"val_loss\"")),
                "the monitors saw val_loss");
        var split =
                new ObjectMapper()
                        .readTree(run.resolve("provenance.json").toFile())
                        .get("validation");
        assertTrue(
                split.get("automatic").asBoolean(),
                "the resumed run still records the" + " automatic split: " + split);
        assertEquals(
                Files.readString(reference.resolve("data.json")),
                Files.readString(run.resolve("data.json")),
                "data.json");
    }
}
