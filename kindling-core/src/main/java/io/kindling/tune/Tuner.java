package io.kindling.tune;

import io.kindling.config.Arg;
import io.kindling.config.Call;
import io.kindling.config.Position;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a study: asks the store for the next trial (the sampler chooses its parameters inside the
 * store's transaction), evaluates it with the objective (reporting intermediate values to the
 * pruner), and records how it ended — until the study holds {@code trials} trials that did not
 * fail. While a trial runs, a heartbeat thread tells the store the process is alive, so a trial
 * left RUNNING by a killed process can be told from a live one.
 */
public final class Tuner {

    /**
     * How the loop runs.
     *
     * @param trials trials the study should hold, failed ones not counted
     * @param heartbeatMillis how often a running trial's heartbeat is written; a trial whose
     *     heartbeat is three intervals old is dead
     * @param retryFailed whether a trial found dead is run again with the same parameters
     * @param progress where one line per finished trial goes, or null
     */
    public record Settings(
            int trials, long heartbeatMillis, boolean retryFailed, PrintStream progress) {

        /** Settings that do not retry dead trials. */
        public Settings(int trials, long heartbeatMillis, PrintStream progress) {
            this(trials, heartbeatMillis, false, progress);
        }

        /** How old a heartbeat may be before its trial is dead. */
        long staleMillis() {
            return Liveness.staleAfter(heartbeatMillis);
        }
    }

    private Tuner() {}

    /**
     * Runs trials until the budget is spent (or the sampler's grid is), or as many trials failed in
     * this process as the budget.
     *
     * @return the study as stored at the end
     */
    public static Study run(
            TrialStore store,
            Sampler sampler,
            Pruner pruner,
            Objective objective,
            Settings settings) {
        ScheduledExecutorService beat =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "kindling-tune-heartbeat");
                            t.setDaemon(true);
                            return t;
                        });
        int failures = 0;
        boolean promote = objective.resumable();
        try {
            while (failures < settings.trials()) {
                reap(store, settings);
                Optional<Trial> next =
                        store.ask(
                                study ->
                                        choose(
                                                study,
                                                sampler,
                                                promote ? pruner : Pruner.NONE,
                                                settings.trials()));
                if (next.isEmpty()) {
                    if (!reap(store, settings).isEmpty()) {
                        continue; // a trial counted as running was dead: the study is short
                    }
                    break;
                }
                Trial trial = next.get();
                var pulse =
                        beat.scheduleAtFixedRate(
                                () -> store.heartbeat(trial.number()),
                                settings.heartbeatMillis(),
                                settings.heartbeatMillis(),
                                TimeUnit.MILLISECONDS);
                TrialState state;
                Double value;
                String failure = null;
                try {
                    Objective.Outcome o = objective.evaluate(run(store, pruner, trial));
                    state = Double.isFinite(o.value()) ? o.state() : TrialState.FAIL;
                    value = Double.isFinite(o.value()) ? o.value() : null;
                    if (state == TrialState.FAIL) {
                        failure = "value " + o.value();
                    }
                } catch (Exception e) {
                    state = TrialState.FAIL;
                    value = null;
                    failure =
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                } finally {
                    pulse.cancel(false);
                }
                CrashPoint.reach("trial-evaluated");
                store.finish(trial.number(), state, value, failure);
                failures += state == TrialState.FAIL ? 1 : 0;
                if (settings.progress() != null) {
                    progress(
                            settings.progress(),
                            store.load(),
                            trial.number(),
                            settings.trials(),
                            failure);
                }
            }
        } finally {
            beat.shutdownNow();
        }
        return store.load();
    }

    /**
     * Marks dead trials failed (retrying them when the settings say so) and says so on the progress
     * stream.
     */
    static List<TrialStore.Death> reap(TrialStore store, Settings settings) {
        List<TrialStore.Death> dead =
                store.failDead(settings.staleMillis(), settings.retryFailed());
        if (settings.progress() != null) {
            for (TrialStore.Death d : dead) {
                settings.progress()
                        .println(
                                "trial #"
                                        + d.number()
                                        + " was left RUNNING and is dead: "
                                        + d.reason()
                                        + "; marked FAIL"
                                        + (settings.retryFailed()
                                                ? ", retried with the same parameters"
                                                : " (--retry-failed runs it again)"));
            }
        }
        return dead;
    }

    /**
     * What to run next: a paused trial the pruner promotes, else a new trial's parameters, or
     * nothing when the study holds enough trials that did not fail.
     */
    static TrialStore.Next choose(Study study, Sampler sampler, Pruner pruner, int trials) {
        OptionalInt paused = pruner.promotable(study);
        if (paused.isPresent()) {
            return new TrialStore.Next.Resume(paused.getAsInt());
        }
        long live = study.trials().stream().filter(t -> t.state() != TrialState.FAIL).count();
        OptionalInt size = sampler.size(study.space());
        int budget = size.isPresent() ? Math.min(trials, size.getAsInt()) : trials;
        if (live >= budget) {
            return new TrialStore.Next.Done();
        }
        return new TrialStore.Next.Sample(sampler.sample(study, study.trials().size()));
    }

    private static Objective.TrialRun run(TrialStore store, Pruner pruner, Trial trial) {
        return new Objective.TrialRun() {
            @Override
            public int number() {
                return trial.number();
            }

            @Override
            public Map<String, Double> params() {
                return trial.params();
            }

            @Override
            public boolean resumed() {
                return !trial.intermediate().isEmpty();
            }

            @Override
            public Double lastValue() {
                return trial.intermediate().isEmpty()
                        ? null
                        : trial.intermediate().get(trial.intermediate().lastKey());
            }

            @Override
            public boolean report(long step, double value) {
                store.report(trial.number(), step, value);
                Study study = store.load();
                Trial now = study.trials().get(trial.number());
                Pruner.Decision d = pruner.judge(study, now);
                if (!d.attrs().isEmpty()) {
                    store.setAttrs(trial.number(), d.attrs());
                }
                return d.prune();
            }

            @Override
            public void describe(String runDir, String config) {
                store.setRun(trial.number(), runDir, config);
            }
        };
    }

    /** One line about trial {@code number} and the study so far. */
    static void progress(PrintStream out, Study study, int number, int total, String failure) {
        Trial t = study.trials().get(number);
        Trial best = study.best();
        long pruned = study.in(TrialState.PRUNED).size();
        long failed = study.in(TrialState.FAIL).size();
        long done =
                study.trials().stream()
                        .filter(x -> x.state().finished() && x.state() != TrialState.FAIL)
                        .count();
        out.printf(
                Locale.ROOT,
                "trial %d/%d  #%d %s%s  best %s%s  pruned %d  failed %d%n",
                done,
                total,
                number,
                t.state(),
                t.value() == null
                        ? (failure == null ? "" : " (" + failure + ")")
                        : String.format(Locale.ROOT, " %.6g", t.value()),
                best == null ? "-" : String.format(Locale.ROOT, "%.6g", best.value()),
                best == null ? "" : " (#" + best.number() + ")",
                pruned,
                failed);
        out.flush();
    }

    /**
     * A trial's parameters as one expression, e.g. {@code branin(x1=3.14, x2=2.27)}: the
     * configuration of an objective that has no experiment behind it.
     */
    public static String configText(SearchSpace space, Map<String, Double> params, String name) {
        List<Arg> args = new ArrayList<>();
        for (Param p : space.params()) {
            Double v = params.get(p.name());
            if (v != null && p.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                args.add(new Arg(p.name(), p.distribution().external(v), Position.NONE));
            }
        }
        String head = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
        return new Call(head, args, Position.NONE).toString();
    }
}
