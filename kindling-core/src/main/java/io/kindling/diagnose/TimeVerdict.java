package io.kindling.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict through time for a recurrent network: the layer rules see one recurrent layer as one
 * layer, so a tanh RNN whose gradient dies within a few steps looks healthy to them. Here the
 * gradient reaching the first step, over the gradient at the last, decides: below 1e-3 the network
 * is vanishing through time, above 1e3 exploding (Bengio, Simard &amp; Frasconi 1994; Pascanu,
 * Mikolov &amp; Bengio 2013, arXiv:1211.5063).
 */
final class TimeVerdict {

    /** First-over-last gradient ratio below which the gradient has vanished through time. */
    static final double VANISHING = 1e-3;

    /** The ratio above which it has exploded. */
    static final double EXPLODING = 1e3;

    private TimeVerdict() {}

    /**
     * The layer verdict, or a vanishing/exploding-through-time verdict when the layers look healthy
     * but the gradient does not survive the sequence.
     */
    static Verdict judge(Verdict byLayers, List<StepStats> steps) {
        if (steps.isEmpty() || !byLayers.kind().equals("healthy")) {
            return byLayers;
        }
        double first = steps.get(0).inputGradientNorm();
        double last = steps.get(steps.size() - 1).inputGradientNorm();
        if (!(last > 0)) {
            return byLayers;
        }
        double ratio = first / last;
        String kind = ratio < VANISHING ? "vanishing" : ratio > EXPLODING ? "exploding" : null;
        if (kind == null) {
            return byLayers;
        }
        List<String> evidence = new ArrayList<>(byLayers.evidence());
        evidence.add(
                String.format(
                        Locale.ROOT,
                        "the loss gradient reaching the input %d steps before the last is %.3g"
                                + " of the last step's (%s through time)",
                        steps.size() - 1,
                        ratio,
                        kind));
        List<String> advice =
                kind.equals("vanishing")
                        ? List.of(
                                "an orthogonal recurrence ({match: recurrent, init: orthogonal}),"
                                        + " irnn with rnn(activation=relu), or an lstm with"
                                        + " forget bias 1 ({match: \"bias & gate=forget\","
                                        + " init: \"constant(value=1)\"}) or chrono(t_max=T)")
                        : List.of(
                                "shrink the recurrence: orthogonal(gain=1) on recurrent, or clip"
                                        + " gradients (clip_by_global_norm)");
        return new Verdict(kind, evidence, advice);
    }
}
