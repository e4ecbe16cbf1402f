package io.kindling.tune;

import io.kindling.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Every combination of the parameters' values once: each option of a choice, each whole number of
 * an int, each grid point of a float with a step (a float without one has no grid). Conditional
 * parameters multiply only the combinations of their option. The combinations are visited in an
 * order shuffled by the seed (as Optuna's GridSampler), each trial taking the first not yet taken
 * by any trial of the study, so processes sharing a study split the grid.
 *
 * @param seed the study's seed
 */
public record GridSampler(long seed) implements Sampler {

    /** Grids larger than this are refused: use random or sobol instead. */
    static final int MAX_POINTS = 1_000_000;

    @Override
    public Map<String, Double> sample(Study study, int number) {
        List<Map<String, Double>> grid = grid(study.space());
        Collections.shuffle(grid, new Random(seed));
        for (Map<String, Double> point : grid) {
            if (study.trials().stream().noneMatch(t -> t.params().equals(point))) {
                return point;
            }
        }
        return grid.get(number % grid.size());
    }

    @Override
    public OptionalInt size(SearchSpace space) {
        return OptionalInt.of(grid(space).size());
    }

    /** Every combination, in parameter order. */
    static List<Map<String, Double>> grid(SearchSpace space) {
        List<Map<String, Double>> out = new ArrayList<>();
        expand(space.params(), 0, new LinkedHashMap<>(), out);
        return out;
    }

    private static void expand(
            List<Param> params, int i, Map<String, Double> prefix, List<Map<String, Double>> out) {
        if (out.size() > MAX_POINTS) {
            throw new ConfigException(
                    "The grid has more than "
                            + MAX_POINTS
                            + " points; use"
                            + " --sampler random, sobol or tpe, or coarser steps");
        }
        if (i == params.size()) {
            out.add(new LinkedHashMap<>(prefix));
            return;
        }
        Param p = params.get(i);
        if (!p.activeIn(prefix)) {
            expand(params, i + 1, prefix, out);
            return;
        }
        for (double v : values(p)) {
            prefix.put(p.name(), v);
            expand(params, i + 1, prefix, out);
            prefix.remove(p.name());
        }
    }

    private static List<Double> values(Param p) {
        List<Double> v = new ArrayList<>();
        if (p.distribution() instanceof CategoricalDistribution c) {
            for (int k = 0; k < c.size(); k++) {
                v.add((double) k);
            }
        } else if (p.distribution() instanceof IntDistribution d) {
            for (long k = d.low(); k <= d.high(); k += d.step()) {
                v.add((double) k);
            }
        } else {
            FloatDistribution f = (FloatDistribution) p.distribution();
            if (f.step() == 0) {
                throw new ConfigException(
                        "The grid sampler needs a step on float parameter '"
                                + p.name()
                                + "' ("
                                + f.print()
                                + "); add step=..., or list the values"
                                + " with choice(options=[...])");
            }
            long n = Math.round((f.high() - f.low()) / f.step());
            for (long k = 0; k <= n; k++) {
                v.add(f.snap(f.low() + k * f.step()));
            }
        }
        return v;
    }

    @Override
    public String print() {
        return "grid(seed=" + seed + ")";
    }
}
