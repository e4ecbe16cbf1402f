package io.kindling.diagnose;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.kindling.data.BatchOrder;
import io.kindling.train.PreparedRun;
import io.kindling.train.TrainSpec;

/** {@code kindling diagnose} as a library call: build, initialize, measure, judge. */
public final class Diagnose {

    private Diagnose() {}

    /**
     * Diagnoses the initialization of {@code spec}'s model on one batch of its training data
     * (chosen from the seed; {@code spec.extent().batchSize()} examples).
     *
     * @param spec the run (model, init, data, seed, batch)
     * @return the diagnosis
     */
    public static Diagnosis of(TrainSpec spec) {
        try (PreparedRun t = new PreparedRun(spec);
                NDManager scope = t.manager().newSubManager()) {
            int size = Math.min(spec.extent().batchSize(), t.trainData().size());
            BatchOrder pick =
                    new BatchOrder(t.trainData().size(), size, spec.execution().seed(), true);
            NDList batch = t.trainData().batch(scope, pick.epoch(0).get(0));
            Diagnoser.Measured m =
                    Diagnoser.measure(
                            t.model(), t.task(), t.parameterStore(), batch.get(0), batch.get(1));
            return new Diagnosis(
                    spec.network().model().print(),
                    spec.network().init().print(),
                    size,
                    m.loss(),
                    m.layers(),
                    TimeVerdict.judge(VerdictRules.judge(m.layers(), m.blocks()), m.steps()),
                    m.blocks(),
                    m.steps(),
                    m.attention());
        }
    }
}
