package io.kindling.tune;

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
    public synchronized Optional<Trial> ask(Function<Study, Optional<Map<String, Double>>> choose) {
        for (int i = 0; i < trials.size(); i++) {
            if (trials.get(i).state() == TrialState.WAITING) {
                trials.set(i, trials.get(i).with(TrialState.RUNNING, null));
                started.put(i, System.nanoTime());
                return Optional.of(trials.get(i));
            }
        }
        Optional<Map<String, Double>> params = choose.apply(load());
        if (params.isEmpty()) {
            return Optional.empty();
        }
        Trial t =
                new Trial(
                        trials.size(),
                        TrialState.RUNNING,
                        null,
                        params.get(),
                        new TreeMap<>(),
                        Map.of(),
                        null,
                        Double.NaN);
        trials.add(t);
        started.put(t.number(), System.nanoTime());
        return Optional.of(t);
    }

    @Override
    public synchronized void report(int number, long step, double value) {
        trials.set(number, trials.get(number).report(step, value));
    }

    @Override
    public synchronized void setAttrs(int number, Map<String, Double> attrs) {
        Trial t = trials.get(number);
        Map<String, Double> a = new HashMap<>(t.attrs());
        a.putAll(attrs);
        trials.set(
                number,
                new Trial(
                        number,
                        t.state(),
                        t.value(),
                        t.params(),
                        t.intermediate(),
                        a,
                        t.runDir(),
                        t.durationSeconds()));
    }

    @Override
    public synchronized void setRun(int number, String runDir, String config) {
        Trial t = trials.get(number);
        trials.set(
                number,
                new Trial(
                        number,
                        t.state(),
                        t.value(),
                        t.params(),
                        t.intermediate(),
                        t.attrs(),
                        runDir,
                        t.durationSeconds()));
    }

    @Override
    public synchronized void finish(int number, TrialState state, Double value) {
        Trial t = trials.get(number);
        double seconds =
                (System.nanoTime() - started.getOrDefault(number, System.nanoTime())) / 1e9;
        trials.set(
                number,
                new Trial(
                        number,
                        state,
                        value,
                        t.params(),
                        t.intermediate(),
                        t.attrs(),
                        t.runDir(),
                        seconds));
    }

    @Override
    public void heartbeat(int number) {
        // a process's memory dies with it: nothing to detect
    }

    @Override
    public List<Integer> failStale(long graceMillis, boolean retry) {
        return List.of();
    }

    @Override
    public void close() {
        // nothing held
    }
}
