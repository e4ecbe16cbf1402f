package io.kindling.tune;

import io.kindling.config.Call;
import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.ExprParser;
import io.kindling.runfolder.FolderLock;
import io.kindling.runfolder.RunFolderException;
import io.kindling.train.ConfigKey;
import io.kindling.train.Experiment;
import io.kindling.train.PreparedRun;
import io.kindling.train.TrainSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The library call behind {@code kindling tune}: takes the study folder's lock (one coordinating
 * process per study; its workers, and processes that join, run trials without it), opens (or
 * creates) the study in {@code OUT/study.db}, runs trials until the study holds the budget —
 * marking trials a dead process left RUNNING as failed on the way, and retrying them when asked —
 * and writes {@code trials.csv}, {@code best.json} and {@code report.html}.
 */
public final class Tune {

    /**
     * What to tune and how.
     *
     * @param out the study folder
     * @param study the study's name in the database
     * @param sampler the sampler expression ({@code tpe}, {@code random}, …)
     * @param pruner the pruner expression ({@code none}, {@code median}, …)
     * @param trials trials the study should hold (failed ones not counted)
     * @param seed the sampler's seed unless its expression gives one
     * @param direction minimize or maximize
     * @param metric the training metric to optimize (training studies)
     * @param resume whether to continue a study already in {@code out}
     * @param retryFailed whether trials found dead are run again with the same parameters
     * @param heartbeatMillis how often a running trial's heartbeat is written; a trial whose
     *     heartbeat is three intervals old is dead
     * @param worker whether this process only runs trials of a study another process holds (a
     *     {@code --parallel} child, or {@code --join}): it takes no lock and writes no outputs
     * @param objective a built-in test function, or null for training
     * @param experiment the experiment's values with its {@code search:} (training), or null
     */
    public record Request(
            Path out,
            String study,
            String sampler,
            String pruner,
            int trials,
            long seed,
            Direction direction,
            String metric,
            boolean resume,
            boolean retryFailed,
            long heartbeatMillis,
            boolean worker,
            TestFunction objective,
            Map<String, Object> experiment) {}

    private Tune() {}

    /** The study's database file in {@code out}. */
    public static Path database(Path out) {
        return out.resolve("study.db");
    }

    /** Runs the study; progress and each trial's configuration go to {@code log}. */
    public static Study run(Request r, PrintStream log) {
        Plan plan = plan(r);
        Sampler sampler = Samplers.sampler(r.sampler(), r.seed());
        Pruner pruner = Samplers.pruner(r.pruner(), plan.epochs);
        try (FolderLock lock = r.worker() ? null : FolderLock.acquire(r.out(), "tune");
                SqliteStore store = open(r, plan, log)) {
            Objective announced = announcing(plan, log);
            Study study = Tuner.run(store, sampler, pruner, announced, settings(r, log));
            if (!r.worker()) {
                writeOutputs(r, plan, study, sampler, pruner);
            }
            return study;
        }
    }

    /**
     * Runs the study in {@code workers} child processes that share its database (each started by
     * {@code launch} with its index), printing each trial as it finishes, then writes the outputs.
     */
    public static Study parallel(
            Request r, PrintStream log, IntFunction<Process> launch, int workers)
            throws InterruptedException {
        Plan plan = plan(r);
        Sampler sampler = Samplers.sampler(r.sampler(), r.seed());
        Pruner pruner = Samplers.pruner(r.pruner(), plan.epochs);
        try (FolderLock lock = FolderLock.acquire(r.out(), "tune");
                SqliteStore store = open(r, plan, log)) {
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                children.add(launch.apply(i));
            }
            Set<Integer> shown = new HashSet<>();
            boolean alive = true;
            while (alive) {
                alive = false;
                for (Process p : children) {
                    alive |= !p.waitFor(500, TimeUnit.MILLISECONDS);
                }
                Study now = store.load();
                for (Trial t : now.trials()) {
                    if (t.state().finished() && shown.add(t.number()) && log != null) {
                        Tuner.progress(log, now, t.number(), r.trials(), null);
                    }
                }
            }
            for (int i = 0; i < children.size(); i++) {
                if (children.get(i).exitValue() != 0 && log != null) {
                    log.println(
                            "worker "
                                    + i
                                    + " exited with "
                                    + children.get(i).exitValue()
                                    + "; see "
                                    + r.out().resolve("worker-" + i + ".log"));
                }
            }
            if (!Tuner.reap(store, settings(r, log)).isEmpty()) {
                // a worker died after the others had stopped asking: finish the study here
                Tuner.run(store, sampler, pruner, plan.objective, settings(r, log));
            }
            Study study = store.load();
            writeOutputs(r, plan, study, sampler, pruner);
            return study;
        }
    }

    /** Opens the study's database, refusing an existing one without --resume. */
    private static SqliteStore open(Request r, Plan plan, PrintStream log) {
        if (r.trials() < 1) {
            throw new ConfigException("Bad --trials " + r.trials() + "; must be >= 1");
        }
        Path db = database(r.out());
        if (r.worker() && !Files.exists(db)) {
            throw new RunFolderException(
                    "No study to join in "
                            + r.out()
                            + " (no "
                            + db.getFileName()
                            + "); start it with kindling tune ... --out "
                            + r.out());
        }
        if (!r.resume() && !r.worker() && Files.exists(db)) {
            throw new RunFolderException(
                    "Output folder "
                            + r.out()
                            + " already holds a study ("
                            + db
                            + "); continue it with --resume, or choose another --out");
        }
        return SqliteStore.open(db, r.study(), plan.space, r.direction(), r.heartbeatMillis());
    }

    private static Tuner.Settings settings(Request r, PrintStream log) {
        return new Tuner.Settings(r.trials(), r.heartbeatMillis(), r.retryFailed(), log);
    }

    /**
     * The plan's objective, printing each training trial's searched keys on {@code log} first (and
     * that a promoted trial continues); it resumes paused trials exactly when the objective can.
     */
    private static Objective announcing(Plan plan, PrintStream log) {
        return new Objective() {
            @Override
            public Outcome evaluate(TrialRun trial) throws Exception {
                if (log != null && plan.training != null) {
                    log.println(
                            "trial #"
                                    + trial.number()
                                    + (trial.resumed()
                                            ? " promoted, continues from its checkpoint"
                                            : "")
                                    + ": "
                                    + describe(plan.training.changes(trial.params())));
                }
                return plan.objective.evaluate(trial);
            }

            @Override
            public boolean resumable() {
                return plan.objective.resumable();
            }
        };
    }

    /** Writes {@code trials.csv}, {@code best.json} and {@code report.html} from the database. */
    static void writeOutputs(Request r, Plan plan, Study study, Sampler sampler, Pruner pruner) {
        TuneOutputs.writeCsv(r.out().resolve("trials.csv"), study);
        TuneOutputs.writeBest(
                r.out().resolve("best.json"),
                study,
                t ->
                        plan.training == null
                                ? Tuner.configText(
                                        plan.space, t.params(), r.objective().expression())
                                : plan.training.experiment(t.params()).resolve().describe());
        CrashPoint.reach("outputs");
        TuneReport.write(
                r.out().resolve("report.html"),
                study,
                "kindling tune: "
                        + r.study()
                        + " ("
                        + (plan.training == null ? r.objective().expression() : r.metric())
                        + ")",
                sampler.print(),
                pruner.print());
    }

    /** Searched keys and their values as {@code key: expr} text. */
    public static String describe(Map<String, Object> changes) {
        List<String> parts = new ArrayList<>();
        changes.forEach((k, v) -> parts.add(k + ": " + v));
        return String.join(", ", parts);
    }

    /** What a request tunes: the space, the objective and, for training, its epochs. */
    record Plan(SearchSpace space, Objective objective, TrainingObjective training, long epochs) {}

    static Plan plan(Request r) {
        if ((r.objective() == null) == (r.experiment() == null)) {
            throw new ConfigException(
                    "Give either --objective NAME or an experiment file with a"
                            + " search: mapping");
        }
        if (r.objective() != null) {
            return new Plan(r.objective().space(), Objective.of(r.objective()), null, 1);
        }
        Map<String, Object> values = new LinkedHashMap<>(r.experiment());
        Object search = values.remove("search");
        if (!(search instanceof Map<?, ?> m)) {
            throw new ConfigException(
                    "The experiment has no search: mapping; add one, e.g."
                            + " search: {optimizer.lr: \"float(low=1e-3, high=0.3, log=true)\"}");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        m.forEach((k, v) -> entries.put(String.valueOf(k), v));
        List<String> searchable = new ArrayList<>(Experiment.KEYS);
        searchable.remove(ConfigKey.OUT.key());
        SearchSpace space = SearchSpace.parse(entries, searchable);
        new Experiment(values); // unknown keys of the base are refused here
        TrainingObjective training =
                new TrainingObjective(values, space, r.metric(), r.out(), List.of());
        training.preflight();
        TrainSpec probe = training.experiment(Draws0.first(space)).resolve();
        PreparedRun.startEngine(probe); // a refused engine fails the study before its database
        if (probe.monitoring().evalEvery() > 0) {
            Expr pruner = ExprParser.parse(r.pruner());
            if (pruner instanceof Call c
                    && c.name().equals("hyperband")
                    && c.arg("max_resource").isEmpty()) {
                throw new ConfigException(
                        "With eval_every="
                                + probe.monitoring().evalEvery()
                                + " intermediate values are at optimizer steps, so hyperband"
                                + " needs max_resource in steps: hyperband(max_resource=STEPS)");
            }
        }
        long epochs = probe.extent().budget().epochs() > 0 ? probe.extent().budget().epochs() : 1;
        return new Plan(space, training, training, epochs);
    }

    /** The first option of every choice and the low end of every range. */
    private static final class Draws0 {
        static Map<String, Double> first(SearchSpace space) {
            Map<String, Double> v = new LinkedHashMap<>();
            for (Param p : space.params()) {
                if (p.activeIn(v)) {
                    v.put(p.name(), Draws.at(p.distribution(), 0));
                }
            }
            return v;
        }
    }
}
