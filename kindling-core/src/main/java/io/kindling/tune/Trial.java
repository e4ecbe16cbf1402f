package io.kindling.tune;

import io.kindling.runfolder.Owner;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial as the study database holds it.
 *
 * @param number its number in the study, from 0
 * @param state where it stands
 * @param value its value (COMPLETE; for PRUNED the last intermediate value), else null
 * @param params internal values of its active parameters, by name
 * @param intermediate values reported while it ran, by step
 * @param attrs what pruners recorded about it (e.g. the value at each rung)
 * @param runDir its run folder, or null
 * @param durationSeconds how long it ran, or NaN while running
 * @param failure why it failed (FAIL), else null
 * @param owner the process that runs or ran it, or null when not recorded
 * @param heartbeatMillis when its owner last said it was alive (epoch milliseconds), 0 when never
 */
public record Trial(
        int number,
        TrialState state,
        Double value,
        Map<String, Double> params,
        SortedMap<Long, Double> intermediate,
        Map<String, Double> attrs,
        String runDir,
        double durationSeconds,
        String failure,
        Owner owner,
        long heartbeatMillis) {

    public Trial {
        params = Map.copyOf(params);
        intermediate = new TreeMap<>(intermediate);
        attrs = Map.copyOf(attrs);
    }

    /** A finished trial with parameters and a value, nothing else (tests, objectives). */
    public static Trial complete(int number, Map<String, Double> params, double value) {
        return new Trial(
                number,
                TrialState.COMPLETE,
                value,
                params,
                new TreeMap<>(),
                Map.of(),
                null,
                0,
                null,
                null,
                0);
    }

    /** A trial with these intermediate values, in {@code state}, its value the last of them. */
    public static Trial withCurve(int number, TrialState state, SortedMap<Long, Double> curve) {
        Double last = curve.isEmpty() ? null : curve.get(curve.lastKey());
        return new Trial(
                number,
                state,
                state == TrialState.RUNNING ? null : last,
                Map.of(),
                curve,
                Map.of(),
                null,
                0,
                null,
                null,
                0);
    }

    /** This trial with another state and value. */
    public Trial with(TrialState newState, Double newValue) {
        return new Trial(
                number,
                newState,
                newValue,
                params,
                intermediate,
                attrs,
                runDir,
                durationSeconds,
                failure,
                owner,
                heartbeatMillis);
    }

    /** This trial with one more intermediate value. */
    public Trial report(long step, double v) {
        TreeMap<Long, Double> m = new TreeMap<>(intermediate);
        m.put(step, v);
        return new Trial(
                number,
                state,
                value,
                params,
                m,
                attrs,
                runDir,
                durationSeconds,
                failure,
                owner,
                heartbeatMillis);
    }

    /** This trial with these pruner attributes added. */
    public Trial withAttrs(Map<String, Double> more) {
        Map<String, Double> a = new java.util.HashMap<>(attrs);
        a.putAll(more);
        return new Trial(
                number,
                state,
                value,
                params,
                intermediate,
                a,
                runDir,
                durationSeconds,
                failure,
                owner,
                heartbeatMillis);
    }

    /** This trial with its run folder recorded. */
    public Trial withRun(String dir) {
        return new Trial(
                number,
                state,
                value,
                params,
                intermediate,
                attrs,
                dir,
                durationSeconds,
                failure,
                owner,
                heartbeatMillis);
    }

    /** This trial ended: its state, value, duration and (FAIL) why. */
    public Trial ended(TrialState end, Double endValue, double seconds, String why) {
        return new Trial(
                number,
                end,
                endValue,
                params,
                intermediate,
                attrs,
                runDir,
                seconds,
                end == TrialState.FAIL ? why : null,
                owner,
                heartbeatMillis);
    }
}
