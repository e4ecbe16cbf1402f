package io.kindling.train;

import io.kindling.config.ConfigException;
import io.kindling.data.Dataset;
import io.kindling.metrics.Evaluation;
import io.kindling.task.Regression;
import io.kindling.task.Task;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run chooses on: the metrics that reduce-on-plateau, early stopping and the {@code best}
 * checkpoint monitor, and the validation split they need.
 *
 * <ul>
 *   <li>Monitors default to {@link #DEFAULT_MONITOR} ({@code val_loss}).
 *   <li>When something monitors a {@code val_*} metric and no {@code validation} was given, {@link
 *       #DEFAULT_FRACTION} of the training split is held out, stratified by class and shuffled with
 *       the run's seed ({@link io.kindling.data.Splits#holdout}); the run records it ({@link
 *       #record}) and says so ({@link #notes}). Runs that monitor nothing hold nothing out.
 *   <li>A {@code test_*} monitor chooses epochs or learning rates on the test split, so the
 *       reported test metrics become optimistic: it is refused unless the run opts in with {@code
 *       monitor_test: true} ({@code --monitor-test}), and then a warning is printed.
 * </ul>
 */
public final class ModelSelection {

    /** The metric every rule monitors unless told otherwise. */
    public static final String DEFAULT_MONITOR = "val_loss";

    /** Share of the training split held out when a monitor needs a validation split. */
    public static final double DEFAULT_FRACTION = 0.1;

    /** The key (and {@code --monitor-test}) that allows {@code test_*} monitors. */
    public static final String OPT_IN = "monitor_test";

    private ModelSelection() {}

    /**
     * One thing that chooses on a metric.
     *
     * @param rule {@code reduce_on_plateau}, {@code early_stopping} or {@code keep_best}
     * @param metric the monitored metric, e.g. {@code val_loss}
     */
    public record Monitor(String rule, String metric) {

        /** Whether the metric is measured on the validation split. */
        public boolean onValidation() {
            return metric.startsWith("val_");
        }

        /** Whether the metric is measured on the test split. */
        public boolean onTest() {
            return metric.startsWith("test_");
        }
    }

    /**
     * The metric the {@code best} checkpoint follows: early stopping's monitor and mode when set;
     * else {@code val_loss}, minimized — or {@code test_loss} when there is no validation split and
     * the run opted in to test monitors.
     */
    static Monitored bestMonitor(EarlyStopping early, boolean validation, boolean monitorTest) {
        if (early != null) {
            return new Monitored(early.monitor(), early.mode());
        }
        return new Monitored(
                validation || !monitorTest ? DEFAULT_MONITOR : "test_loss", MonitorMode.MIN);
    }

    /**
     * A metric and which way is better.
     *
     * @param metric the metric's name in the evaluation record, e.g. {@code val_loss}
     * @param mode whether lower or higher is better
     */
    public record Monitored(String metric, MonitorMode mode) {}

    /** Every monitor in use, in the order plateau, early stopping, best checkpoint. */
    static List<Monitor> monitors(
            ReduceOnPlateau plateau,
            EarlyStopping early,
            Checkpointing checkpointing,
            boolean validation,
            boolean monitorTest) {
        List<Monitor> m = new ArrayList<>();
        if (plateau != null) {
            m.add(new Monitor("reduce_on_plateau", plateau.monitor()));
        }
        if (early != null) {
            m.add(new Monitor("early_stopping", early.monitor()));
        }
        if (checkpointing.keepBest()) {
            m.add(new Monitor("keep_best", bestMonitor(early, validation, monitorTest).metric()));
        }
        return m;
    }

    /**
     * Whether the monitors need a validation split (one of them is a {@code val_*} metric once a
     * split exists): what decides the automatic hold-out.
     */
    static boolean needsValidation(
            ReduceOnPlateau plateau,
            EarlyStopping early,
            Checkpointing checkpointing,
            boolean monitorTest) {
        return monitors(plateau, early, checkpointing, true, monitorTest).stream()
                .anyMatch(Monitor::onValidation);
    }

    /**
     * Refuses a monitor that is not evaluated each epoch, a {@code val_*} monitor without a
     * validation split and a {@code test_*} monitor without the opt-in.
     *
     * @throws ConfigException naming the rule, the monitor and what is accepted
     */
    /** Every metric an evaluation of {@code split} logs, each once (loss is every task's). */
    private static List<String> monitorable(String split) {
        Set<String> names = new LinkedHashSet<>(Evaluation.names(split));
        names.addAll(Regression.allNames(split));
        return List.copyOf(names);
    }

    static void check(List<Monitor> monitors, boolean validation, boolean monitorTest) {
        for (Monitor m : monitors) {
            List<String> val = monitorable("val");
            List<String> test = monitorable("test");
            if (!val.contains(m.metric()) && !test.contains(m.metric())) {
                throw new ConfigException(
                        m.rule()
                                + " monitor '"
                                + m.metric()
                                + "' is not"
                                + " evaluated each epoch; accepted: "
                                + String.join(", ", val)
                                + " (and, with "
                                + OPT_IN
                                + "=true, "
                                + String.join(", ", test)
                                + ")");
            }
            if (m.onTest() && !monitorTest) {
                throw new ConfigException(
                        m.rule()
                                + " monitor '"
                                + m.metric()
                                + "' would"
                                + " choose on the test split and make the reported test metrics"
                                + " optimistic; monitor a validation metric ("
                                + String.join(", ", val)
                                + "), or opt in with --monitor-test ("
                                + OPT_IN
                                + ": true)");
            }
            if (m.onValidation() && !validation) {
                throw new ConfigException(
                        m.rule()
                                + " monitor '"
                                + m.metric()
                                + "' needs a"
                                + " validation split, but validation=0 turns it off; remove"
                                + " validation=0 (then "
                                + percent(DEFAULT_FRACTION)
                                + " of the"
                                + " training split is held out automatically) or give a fraction such"
                                + " as validation=0.2"
                                + (m.rule().equals("keep_best")
                                        ? ", or follow test_loss with " + OPT_IN + "=true"
                                        : ""));
            }
        }
    }

    /**
     * Refuses a monitor whose metric the run's task does not log (a regression has no {@code
     * val_accuracy}, a classifier no {@code val_rmse}), before any training.
     *
     * @throws ConfigException naming the rule, the monitor, the task and what it logs
     */
    static void checkTask(List<Monitor> monitors, Task task) {
        for (Monitor m : monitors) {
            String split = m.onTest() ? "test" : "val";
            List<String> names = task.metricNames(split);
            if (!names.contains(m.metric())) {
                throw new ConfigException(
                        m.rule()
                                + " monitor '"
                                + m.metric()
                                + "' is not logged by the "
                                + task.name()
                                + " task of this data; it logs "
                                + String.join(", ", names));
            }
        }
    }

    /**
     * The lines a run prints before it starts: the automatic hold-out, and a warning for every
     * {@code test_*} monitor.
     *
     * @param spec the run
     * @param data its data, after the hold-out
     */
    public static List<String> notes(TrainSpec spec, Dataset data) {
        List<String> lines = new ArrayList<>();
        if (spec.input().validationAuto()) {
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "validation %s of the training split held out"
                                    + " automatically (%s): %,d of %,d rows, for %s; set"
                                    + " validation to change it",
                            percent(spec.input().validation()),
                            data instanceof io.kindling.data.series.Forecasting
                                    ? "in time, the stretch before the test part"
                                    : "stratified, seed " + spec.execution().seed(),
                            data.validationSize(),
                            data.validationSize() + data.trainSize(),
                            describe(
                                    spec.monitors().stream()
                                            .filter(Monitor::onValidation)
                                            .toList())));
        }
        for (Monitor m : spec.monitors()) {
            if (m.onTest()) {
                lines.add(
                        "warning   "
                                + m.rule()
                                + " monitors "
                                + m.metric()
                                + " ("
                                + OPT_IN
                                + "=true): the test split steers training, so the reported"
                                + " test metrics are optimistic");
            }
        }
        return lines;
    }

    /**
     * The validation split as the run folder records it ({@code provenance.json} and {@code
     * data.json}), or null when the spec holds none out: its fraction, whether it was made
     * automatically, the seed, the rows on each side and the monitors that use it.
     */
    public static Map<String, Object> record(TrainSpec spec, Dataset data) {
        if (spec.input().validation() == 0) {
            return null;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fraction", spec.input().validation());
        r.put("automatic", spec.input().validationAuto());
        r.put("stratified", true);
        r.put("seed", spec.execution().seed());
        r.put("rows", data.validationSize());
        r.put("train_rows", data.trainSize());
        Map<String, Object> monitors = new LinkedHashMap<>();
        spec.monitors().forEach(m -> monitors.put(m.rule(), m.metric()));
        r.put("monitors", monitors);
        return r;
    }

    private static String describe(List<Monitor> monitors) {
        List<String> parts = new ArrayList<>();
        for (Monitor m : monitors) {
            parts.add(
                    (m.rule().equals("keep_best") ? "the best checkpoint" : m.rule() + "'s monitor")
                            + " "
                            + m.metric());
        }
        return String.join(" and ", parts);
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString()
                + "%";
    }
}
