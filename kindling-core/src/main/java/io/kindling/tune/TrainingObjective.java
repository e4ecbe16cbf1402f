package io.kindling.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.train.Callback;
import io.kindling.train.ConfigKey;
import io.kindling.train.Experiment;
import io.kindling.train.TrainEvents;
import io.kindling.train.TrainRun;
import io.kindling.train.TrainSpec;
import io.kindling.train.TrainState;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one run per trial: the experiment's values with the trial's parameters put over them, into
 * {@code OUT/trial-NNNN/} (a run folder like any other, its {@code config.yaml} re-runnable with
 * {@code kindling train}). After each epoch's evaluation the metric is reported as the intermediate
 * value at step = epoch — or, when the experiment sets {@code eval_every}, after every evaluation
 * at step = the optimizer step; when the pruner says so the run stops cleanly there. The trial's
 * value is the metric at the last evaluation. Each trial keeps its final checkpoint ({@code
 * keep_last: 1} unless the experiment keeps more), so a trial the pruner paused is continued from
 * it when promoted — {@link TrainRun#resume}, bit-identical to a run never paused — and the best
 * trial's model can be exported. A metric of the validation split ({@code val_*}) holds out 10% of
 * the training split unless the experiment says otherwise, so the search never chooses on the test
 * split.
 *
 * @param base the experiment's values (without {@code search})
 * @param space the searched parameters
 * @param metric the evaluation metric to optimize, e.g. {@code val_loss}
 * @param out the study folder
 * @param extra sinks for each run (e.g. quiet progress), may be empty
 */
public record TrainingObjective(
        Map<String, Object> base,
        SearchSpace space,
        String metric,
        Path out,
        List<TrainEvents> extra)
        implements Objective {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a continued trial's "resuming from" line goes: the study's log says it already. */
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Every key's default expression, for argument paths on keys the experiment leaves out. */
    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.defaultValue() != null) {
                d.put(k.key(), k.defaultValue());
            }
        }
        return d;
    }

    /** The experiment of a trial with these parameters (its out folder not set). */
    public Experiment experiment(Map<String, Double> params) {
        Map<String, Object> values = new LinkedHashMap<>(base);
        values.putAll(space.configure(base, defaults(), params));
        if (metric.startsWith("val_") && values.get(ConfigKey.VALIDATION.key()) == null) {
            values.put(ConfigKey.VALIDATION.key(), 0.1);
        }
        values.remove(ConfigKey.OUT.key());
        Object keep = values.get(ConfigKey.KEEP_LAST.key());
        boolean periodic = values.get(ConfigKey.CHECKPOINT_EVERY.key()) != null;
        if ((keep == null && !periodic) || (keep instanceof Number n && n.intValue() == 0)) {
            values.put(ConfigKey.KEEP_LAST.key(), 1);
        }
        return new Experiment(values);
    }

    /** The searched keys' values of a trial, in the expression language. */
    public Map<String, Object> changes(Map<String, Double> params) {
        return space.configure(base, defaults(), params);
    }

    /**
     * Builds every option of every choice once (with each numeric parameter at its low end), so a
     * search that names an unknown argument or an impossible value fails before any training.
     */
    public void preflight() {
        for (Map<String, Double> params : corners()) {
            try {
                experiment(params).resolve();
            } catch (ConfigException e) {
                throw new ConfigException(
                        "The search space gives a configuration that does not"
                                + " resolve ("
                                + changes(params)
                                + "): "
                                + e.getMessage());
            }
        }
    }

    private List<Map<String, Double>> corners() {
        List<Map<String, Double>> out = new java.util.ArrayList<>();
        int most = 1;
        for (Param p : space.params()) {
            if (p.distribution() instanceof CategoricalDistribution c) {
                most = Math.max(most, c.size());
            }
        }
        for (int k = 0; k < most; k++) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (Param p : space.params()) {
                if (!p.activeIn(v)) {
                    continue;
                }
                Distribution d = p.distribution();
                v.put(
                        p.name(),
                        d instanceof CategoricalDistribution c
                                ? Math.min(k, c.size() - 1)
                                : Draws.at(d, 0));
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Outcome evaluate(TrialRun trial) throws Exception {
        Path dir = out.resolve(String.format("trial-%04d", trial.number()));
        TrainSpec spec = experiment(trial.params()).resolve();
        boolean bySteps = spec.monitoring().evalEvery() > 0;
        double[] last = {Double.NaN};
        if (trial.resumed()) {
            Double paused = trial.lastValue();
            last[0] = paused == null ? Double.NaN : paused;
        } else {
            trial.describe(dir.toString(), JSON.writeValueAsString(spec.describe()));
        }
        boolean[] pruned = {false};
        boolean[] reported = {false};
        Callback reporter =
                new Callback() {
                    @Override
                    public void judgeEvaluation(TrainState state, Map<String, Object> metrics) {
                        Object v = metrics.get(metric);
                        if (!(v instanceof Number n)) {
                            throw new ConfigException(
                                    "The run has no metric '"
                                            + metric
                                            + "'; it"
                                            + " evaluates "
                                            + String.join(", ", metrics.keySet())
                                            + ". Choose one with --metric");
                        }
                        last[0] = n.doubleValue();
                        reported[0] = true;
                        if (trial.report(bySteps ? state.step() : state.epoch(), last[0])) {
                            pruned[0] = true;
                            metrics.put("pruned", true);
                            state.requestStop("pruned");
                        }
                    }
                };
        if (!trial.resumed()) {
            TrainRun.execute(spec, dir, extra, List.of(reporter));
        } else if (TrainRun.resume(dir, extra, List.of(reporter), QUIET).isEmpty()) {
            // paused at its last step: nothing is left to train, its value stands
            return Outcome.complete(last[0]);
        }
        if (!reported[0]) {
            throw new IllegalStateException("the run ended before an evaluation");
        }
        return pruned[0] ? Outcome.pruned(last[0]) : Outcome.complete(last[0]);
    }
}
