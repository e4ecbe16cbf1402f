package io.kindling.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.checkpoint.CheckpointStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's rules are callbacks, judged before the user's; a user's judge may stop. */
class RuleCallbacksTest {

    @TempDir Path tmp;

    private static TrainSpec spec(int epochs) {
        // patience 0 and a huge threshold: every epoch after the first counts as stalled.
        return new Experiment(
                        Map.of(
                                "model",
                                "mlp(depth=1, width=16)",
                                "optimizer",
                                "sgd(lr=0.05)",
                                "data",
                                "fashion-mnist(source=subset)",
                                "on_plateau",
                                "reduce_on_plateau(factor=0.5, patience=0, threshold=0.99)",
                                "epochs",
                                epochs,
                                "batch",
                                500,
                                "threads",
                                1,
                                "keep_last",
                                1))
                .resolve();
    }

    @Test
    void aUserJudgeSeesThePlateauRulesOutcomeAndTheRecordHoldsBoth() throws IOException {
        List<String> calls = new ArrayList<>();
        Callback judge =
                new Callback() {
                    @Override
                    public void judgeEvaluation(TrainState s, Map<String, Object> metrics) {
                        calls.add("judge lr=" + metrics.get("plateau_lr"));
                        metrics.put("my_verdict", "fine");
                    }

                    @Override
                    public void onEvaluation(TrainState s, Map<String, Object> metrics) {
                        calls.add("evaluation " + metrics.get("my_verdict"));
                    }
                };
        Path out = tmp.resolve("judged");
        TrainRun.execute(spec(2), out, List.of(), List.of(judge));
        assertEquals(
                List.of("judge lr=0.05", "evaluation fine", "judge lr=0.025", "evaluation fine"),
                calls,
                "the plateau rule judges before the user's callback");
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = new ObjectMapper().readTree(line);
            if (n.has("plateau_lr")) {
                List<String> names = new ArrayList<>();
                n.fieldNames().forEachRemaining(names::add);
                keys.add(names.get(names.size() - 2) + "," + names.get(names.size() - 1));
            }
        }
        assertEquals(
                List.of("plateau_lr,my_verdict", "plateau_lr,my_verdict"),
                keys,
                "the evaluation record holds each judge's outcome, in judging order");
    }

    @Test
    void aUserJudgeStopsTheRunCleanlyAfterTheEvaluation() {
        List<String> calls = new ArrayList<>();
        Callback judge =
                new Callback() {
                    @Override
                    public void judgeEvaluation(TrainState s, Map<String, Object> metrics) {
                        calls.add("judge epoch " + s.epoch());
                        s.requestStop("judged enough");
                    }

                    @Override
                    public void onEvaluation(TrainState s, Map<String, Object> metrics) {
                        calls.add("evaluation");
                    }

                    @Override
                    public void beforeTrainEnd(TrainState s) {
                        calls.add("before end");
                    }

                    @Override
                    public void onTrainEnd(TrainState s, TrainResult r) {
                        calls.add("end: " + r.stopReason());
                    }
                };
        Path out = tmp.resolve("stopped");
        TrainResult r = TrainRun.execute(spec(3), out, List.of(), List.of(judge));
        assertEquals("judged enough", r.stopReason());
        assertEquals(1, r.epochs(), "stopped after the first epoch's evaluation");
        assertTrue(r.test() != null);
        assertEquals(
                List.of("judge epoch 1", "evaluation", "before end", "end: judged enough"), calls);
        String last = CheckpointStore.stepName(r.steps());
        assertTrue(
                Files.isDirectory(out.resolve("checkpoints").resolve(last)),
                "the final checkpoint is written");
    }
}
