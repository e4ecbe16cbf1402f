package io.kindling.tune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Independent uniform draws (log-uniform on log scales), each trial from its own stream of (seed,
 * number). Bergstra &amp; Bengio, "Random search for hyper-parameter optimization", JMLR 2012.
 *
 * @param seed the study's seed
 */
public record RandomSampler(long seed) implements Sampler {

    @Override
    public Map<String, Double> sample(Study study, int number) {
        SplittableRandom rng = Draws.stream(seed, number, 1);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Param p : study.space().params()) {
            double u = rng.nextDouble();
            if (p.activeIn(values)) {
                values.put(p.name(), Draws.at(p.distribution(), u));
            }
        }
        return values;
    }

    @Override
    public String print() {
        return "random(seed=" + seed + ")";
    }
}
