package io.kindling.tune;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Quasi-random points of a Sobol sequence (commons-math3's generator, Joe &amp; Kuo direction
 * numbers), one dimension per parameter, shifted by one random vector per seed modulo 1 (a
 * Cranley–Patterson rotation, so each seed gives another equally even design and the origin is not
 * the first point). Trial k takes point k+1 of the sequence. Sobol, "On the distribution of points
 * in a cube", 1967; Bergstra &amp; Bengio 2012 §5 recommend such low-discrepancy designs over
 * random search.
 *
 * @param seed the study's seed
 */
public record SobolSampler(long seed) implements Sampler {

    @Override
    public Map<String, Double> sample(Study study, int number) {
        int dims = study.space().params().size();
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(Math.max(1, dims));
        double[] point = sobol.skipTo(number + 1);
        SplittableRandom shift = Draws.stream(seed, -1, 2);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < dims; i++) {
            Param p = study.space().params().get(i);
            double u = point[i] + shift.nextDouble();
            u -= Math.floor(u);
            if (p.activeIn(values)) {
                values.put(p.name(), Draws.at(p.distribution(), u));
            }
        }
        return values;
    }

    @Override
    public String print() {
        return "sobol(seed=" + seed + ")";
    }
}
