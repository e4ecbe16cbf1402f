package io.kindling.tune;

import java.util.List;

/**
 * What a sampler or pruner sees of a study: its space, its direction and its trials so far.
 *
 * @param space the searched parameters
 * @param direction minimize or maximize
 * @param trials every trial in number order (running and failed ones included)
 */
public record Study(SearchSpace space, Direction direction, List<Trial> trials) {

    public Study {
        trials = List.copyOf(trials);
    }

    /** Trials in these states, in number order. */
    public List<Trial> in(TrialState... states) {
        List<TrialState> s = List.of(states);
        return trials.stream().filter(t -> s.contains(t.state())).toList();
    }

    /** The best complete trial, or null. */
    public Trial best() {
        Trial best = null;
        for (Trial t : in(TrialState.COMPLETE)) {
            if (best == null || direction.better(t.value(), best.value())) {
                best = t;
            }
        }
        return best;
    }
}
