package io.kindling.train;

import io.kindling.init.InitPlan;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import java.util.List;
import java.util.Map;

/**
 * What a training run reports as it goes. Sinks (console progress, {@code metrics.jsonl}) implement
 * the hooks they need; every hook has an empty default.
 */
public interface TrainEvents {

    /** The model is built and initialized; training is about to start. */
    default void onStart(
            TrainSpec spec,
            Model model,
            List<InitPlan.Entry> plan,
            String dataSource,
            long totalSteps) {}

    /** A line for the person watching: what data cleaning changed, where a run resumed, … */
    default void onNote(String line) {}

    /**
     * An epoch begins (also when a resumed run re-enters an epoch part-way).
     *
     * @param epoch the epoch (1-based)
     * @param firstStep steps done before this epoch's first step of this run
     * @param stepsInEpoch optimizer steps this epoch will make in all (less in a last, budget-cut
     *     epoch)
     */
    default void onEpochStart(int epoch, long firstStep, long stepsInEpoch) {}

    /**
     * The parameters after {@code step}, offered every {@code histogram_every} steps for per-layer
     * weight histograms. Read them; do not keep or change them.
     */
    default void onWeights(long step, List<ModelParameter> parameters) {}

    /**
     * One optimizer step finished.
     *
     * @param step steps done so far (1-based)
     * @param epoch current epoch (1-based)
     * @param loss this step's training loss
     * @param samplesPerSecond training throughput so far
     */
    default void onStep(long step, int epoch, double loss, double samplesPerSecond) {}

    /** A metrics record: {@code step}, {@code epoch} and flat, split-prefixed metric names. */
    default void onRecord(Map<String, Object> record) {}

    /** Training ended. */
    default void onEnd(TrainResult result) {}

    /** Calls every hook on each of the given sinks, in order. */
    static TrainEvents all(List<TrainEvents> sinks) {
        return new TrainEvents() {
            @Override
            public void onStart(
                    TrainSpec spec,
                    Model model,
                    List<InitPlan.Entry> plan,
                    String dataSource,
                    long totalSteps) {
                sinks.forEach(s -> s.onStart(spec, model, plan, dataSource, totalSteps));
            }

            @Override
            public void onNote(String line) {
                sinks.forEach(s -> s.onNote(line));
            }

            @Override
            public void onEpochStart(int epoch, long firstStep, long stepsInEpoch) {
                sinks.forEach(s -> s.onEpochStart(epoch, firstStep, stepsInEpoch));
            }

            @Override
            public void onWeights(long step, List<ModelParameter> parameters) {
                sinks.forEach(s -> s.onWeights(step, parameters));
            }

            @Override
            public void onStep(long step, int epoch, double loss, double samplesPerSecond) {
                sinks.forEach(s -> s.onStep(step, epoch, loss, samplesPerSecond));
            }

            @Override
            public void onRecord(Map<String, Object> record) {
                sinks.forEach(s -> s.onRecord(record));
            }

            @Override
            public void onEnd(TrainResult result) {
                sinks.forEach(s -> s.onEnd(result));
            }
        };
    }
}
