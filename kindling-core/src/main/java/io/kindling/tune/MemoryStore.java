package io.kindling.tune;

import io.kindling.runfolder.Owner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** A study kept in memory only (tests, benchmarks): the same contract as {@link SqliteStore}. */
public final class MemoryStore implements TrialStore {

    private final SearchSpace space;
    private final Direction direction;
    private final List<Trial> trials = new ArrayList<>();
    private final Map<Integer, Long> started = new HashMap<>();

    public MemoryStore(SearchSpace space, Direction direction) {
        this.space = space;
        this.direction = direction;
    }

    @Override
    public synchronized Study load() {
        return new Study(space, direction, trials);
    }

    @Override
    public synchronized Optional<Trial> ask(Function<Study, Next> choose) {
        for (int i = 0; i < trials.size(); i++) {
            if (trials.get(i).state() == TrialState.WAITING) {
                return Optional.of(start(trials.get(i)));
            }
        }
        Next next = choose.apply(load());
        if (next instanceof Next.Resume resume) {
            return Optional.of(start(trials.get(resume.number())));
        }
        if (!(next instanceof Next.Sample sample)) {
            return Optional.empty();
        }
        Trial t =
                new Trial(
                        trials.size(),
                        TrialState.RUNNING,
                        null,
                        sample.params(),
                        new TreeMap<>(),
                        Map.of(),
                        null,
                        Double.NaN,
                        null,
                        Owner.current(),
                        System.currentTimeMillis());
        trials.add(t);
        started.put(t.number(), System.nanoTime());
        return Optional.of(t);
    }

    private Trial start(Trial t) {
        Trial running = t.with(TrialState.RUNNING, null);
        trials.set(t.number(), running);
        started.put(t.number(), System.nanoTime());
        return running;
    }

    @Override
    public synchronized void report(int number, long step, double value) {
        trials.set(number, trials.get(number).report(step, value));
    }

    @Override
    public synchronized void setAttrs(int number, Map<String, Double> attrs) {
        trials.set(number, trials.get(number).withAttrs(attrs));
    }

    @Override
    public synchronized void setRun(int number, String runDir, String config) {
        trials.set(number, trials.get(number).withRun(runDir));
    }

    @Override
    public synchronized void finish(int number, TrialState state, Double value, String failure) {
        double seconds =
                (System.nanoTime() - started.getOrDefault(number, System.nanoTime())) / 1e9;
        trials.set(number, trials.get(number).ended(state, value, seconds, failure));
    }

    @Override
    public void heartbeat(int number) {
        // a process's memory dies with it: nothing to detect
    }

    @Override
    public List<Death> failDead(long staleMillis, boolean retry) {
        return List.of(); // its trials run in this process, which is alive
    }

    @Override
    public void close() {
        // nothing held
    }
}
