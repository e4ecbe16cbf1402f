package io.kindling.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator, as Optuna's {@code TPESampler} computes it (Bergstra,
 * Bardenet, Bengio &amp; Kégl, "Algorithms for hyper-parameter optimization", NeurIPS 2011;
 * Watanabe, "Tree-structured Parzen estimator: understanding its algorithm components and their
 * roles for better empirical performance", arXiv:2304.11127, 2023).
 *
 * <p>The first {@code startup} trials are random. Then the finished trials are split: the γ(n) =
 * min(⌈0.1·n⌉, 25) best form l(x), the rest g(x). Complete trials rank by value; pruned ones after
 * them, by how far they got, then by their last value. {@code eiCandidates} points are drawn from l
 * and the one maximizing log l(x) − log g(x) (the expected improvement's ordering) is taken. Each
 * estimator is a {@link ParzenEstimator} with prior weight 1 and magic clip; observations weigh 1,
 * except that of more than 25 the oldest n − 25 ramp linearly from 1/n up to 1 (older trials count
 * less).
 *
 * <p>Multivariate ({@code multivariate=true}, Falkner et al. 2018's joint kernel, Optuna's default
 * for one objective): the parameters present in every finished trial are drawn jointly from product
 * kernels; the others (conditional parameters) one by one, from the trials that have them. Constant
 * liar ({@code constant_liar=true}, Optuna's default): trials still running count as bad ones in
 * g(x), so parallel trials do not all go where the last one went.
 *
 * @param seed the study's seed
 * @param startup random trials before the model is used
 * @param eiCandidates candidates drawn from l(x) per parameter group
 * @param multivariate whether to draw the common parameters jointly
 * @param constantLiar whether running trials join g(x)
 * @param priorWeight the weight of the prior kernel
 */
public record TpeSampler(
        long seed,
        int startup,
        int eiCandidates,
        boolean multivariate,
        boolean constantLiar,
        double priorWeight)
        implements Sampler {

    /**
     * Optuna's defaults: 10 startup trials, 24 candidates, multivariate, constant liar, prior 1.
     */
    public static TpeSampler defaults(long seed) {
        return new TpeSampler(seed, 10, 24, true, true, 1.0);
    }

    /** γ(n) = min(⌈0.1·n⌉, 25): how many of n finished trials form l(x). */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    /** The observations' weights in trial order: 1 each, the oldest n − 25 on a ramp from 1/n. */
    static double[] weights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            // numpy.linspace(1/n, 1, num=ramp)
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1;
        }
        return w;
    }

    @Override
    public Map<String, Double> sample(Study study, int number) {
        List<Trial> finished = study.in(TrialState.COMPLETE, TrialState.PRUNED);
        if (finished.size() < startup) {
            return new RandomSampler(seed).sample(study, number);
        }
        SplittableRandom rng = Draws.stream(seed, number, 3);
        List<Trial> considered =
                constantLiar
                        ? study.in(TrialState.COMPLETE, TrialState.PRUNED, TrialState.RUNNING)
                        : finished;
        List<List<Trial>> split = split(considered, gamma(finished.size()), study.direction());
        List<Trial> below = split.get(0);
        List<Trial> above = split.get(1);
        Map<String, Double> values = new LinkedHashMap<>();
        if (multivariate) {
            List<Param> group = new ArrayList<>();
            for (Param p : study.space().params()) {
                if (study.in(TrialState.COMPLETE, TrialState.PRUNED).stream()
                        .allMatch(t -> t.params().containsKey(p.name()))) {
                    group.add(p);
                }
            }
            if (!group.isEmpty()) {
                Map<String, Double> joint = sampleGroup(group, below, above, rng);
                for (Param p : study.space().params()) {
                    if (joint.containsKey(p.name()) && p.activeIn(values)) {
                        values.put(p.name(), joint.get(p.name()));
                    }
                }
            }
        }
        for (Param p : study.space().params()) {
            if (!values.containsKey(p.name()) && p.activeIn(values)) {
                values.putAll(sampleGroup(List.of(p), below, above, rng));
            }
        }
        return values;
    }

    /** Draws the group's parameters from l(x)/g(x) built on the trials that have all of them. */
    Map<String, Double> sampleGroup(
            List<Param> group, List<Trial> below, List<Trial> above, SplittableRandom rng) {
        ParzenEstimator l = estimator(group, below);
        ParzenEstimator g = estimator(group, above);
        double[][] candidates = l.sample(rng, eiCandidates);
        double[] logL = l.logPdf(candidates);
        double[] logG = g.logPdf(candidates);
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (logL[i] - logG[i] > logL[best] - logG[best]) {
                best = i;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < group.size(); j++) {
            out.put(group.get(j).name(), candidates[best][j]);
        }
        return out;
    }

    /** The estimator of the group over the trials (in number order) that have every parameter. */
    ParzenEstimator estimator(List<Param> group, List<Trial> trials) {
        List<double[]> rows = new ArrayList<>();
        for (Trial t : trials) {
            double[] row = new double[group.size()];
            boolean all = true;
            for (int j = 0; j < group.size() && all; j++) {
                Double v = t.params().get(group.get(j).name());
                all = v != null;
                row[j] = all ? v : 0;
            }
            if (all) {
                rows.add(row);
            }
        }
        double[][] observations = rows.toArray(new double[0][]);
        return new ParzenEstimator(
                group.stream().map(Param::distribution).toList(),
                observations,
                weights(observations.length),
                priorWeight);
    }

    /**
     * The trials split into l (the {@code nBelow} best) and g (the rest, running ones included),
     * each in number order. Complete trials come first by value; then pruned ones by the last step
     * they reached (further is better), then by their value there.
     */
    static List<List<Trial>> split(List<Trial> trials, int nBelow, Direction direction) {
        List<Trial> complete = new ArrayList<>();
        List<Trial> pruned = new ArrayList<>();
        List<Trial> running = new ArrayList<>();
        for (Trial t : trials) {
            switch (t.state()) {
                case COMPLETE -> complete.add(t);
                case PRUNED -> pruned.add(t);
                case RUNNING -> running.add(t);
                default -> {}
            }
        }
        complete.sort(Comparator.comparingDouble(t -> direction.loss(t.value())));
        pruned.sort(
                Comparator.<Trial>comparingDouble(
                                t -> t.intermediate().isEmpty() ? 1 : -t.intermediate().lastKey())
                        .thenComparingDouble(t -> prunedLoss(t, direction)));
        List<Trial> below = new ArrayList<>();
        List<Trial> above = new ArrayList<>(running);
        int fromComplete = Math.min(nBelow, complete.size());
        below.addAll(complete.subList(0, fromComplete));
        above.addAll(complete.subList(fromComplete, complete.size()));
        int fromPruned = Math.min(Math.max(0, nBelow - fromComplete), pruned.size());
        below.addAll(pruned.subList(0, fromPruned));
        above.addAll(pruned.subList(fromPruned, pruned.size()));
        below.sort(Comparator.comparingInt(Trial::number));
        above.sort(Comparator.comparingInt(Trial::number));
        return List.of(below, above);
    }

    private static double prunedLoss(Trial t, Direction direction) {
        if (t.intermediate().isEmpty()) {
            return 0;
        }
        double v = t.intermediate().get(t.intermediate().lastKey());
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : direction.loss(v);
    }

    @Override
    public String print() {
        return "tpe(seed="
                + seed
                + ", startup="
                + startup
                + ", candidates="
                + eiCandidates
                + ", multivariate="
                + multivariate
                + ", constant_liar="
                + constantLiar
                + ", prior_weight="
                + new io.kindling.config.Num(priorWeight, io.kindling.config.Position.NONE)
                + ")";
    }
}
