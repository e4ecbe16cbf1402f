package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class SamplersTest {

    private static final SearchSpace MIXED =
            SearchSpaceTest.parse(
                    SearchSpaceTest.map(
                            "optimizer.lr", "float(low=1e-4, high=1, log=true)",
                            "optimizer.momentum", "float(low=0, high=1)",
                            "batch", "int(low=1, high=4)",
                            "init",
                                    "choice(options=[he_normal, orthogonal(gain=float(low=0.5, high=2, step=0.5)),"
                                            + " xavier_normal])"));

    private static List<Map<String, Double>> draws(Sampler s, int n) {
        MemoryStore store = new MemoryStore(MIXED, Direction.MINIMIZE);
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    store.ask(st -> new TrialStore.Next.Sample(s.sample(st, st.trials().size())))
                            .orElseThrow()
                            .params());
            store.finish(i, TrialState.COMPLETE, 0.0, null);
        }
        return out;
    }

    @Test
    void randomDrawsAreUniformLogUniformAndEvenOverChoices() {
        List<Map<String, Double>> d = draws(new RandomSampler(7), 2000);
        double[] logLr = d.stream().mapToDouble(m -> Math.log10(m.get("optimizer.lr"))).toArray();
        double[] momentum = d.stream().mapToDouble(m -> m.get("optimizer.momentum")).toArray();
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        assertTrue(ks.kolmogorovSmirnovTest(new UniformRealDistribution(-4, 0), logLr) > 1e-4);
        assertTrue(ks.kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), momentum) > 1e-4);
        // a wrong target must fail: the lr itself is not uniform
        double[] lr = d.stream().mapToDouble(m -> m.get("optimizer.lr")).toArray();
        assertTrue(ks.kolmogorovSmirnovTest(new UniformRealDistribution(1e-4, 1), lr) < 1e-4);
        int[] batch = new int[5];
        int[] init = new int[3];
        for (Map<String, Double> m : d) {
            batch[(int) (double) m.get("batch")]++;
            init[(int) (double) m.get("init")]++;
            assertEquals(m.get("init") == 1.0, m.containsKey("init.orthogonal.gain"));
        }
        for (int b = 1; b <= 4; b++) {
            assertEquals(500, batch[b], 5 * Math.sqrt(2000 * 0.25 * 0.75)); // within 5 SE
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(2000 / 3.0, init[c], 5 * Math.sqrt(2000 / 3.0 * 2 / 3));
        }
    }

    @Test
    void everySamplerIsAFunctionOfItsSeed() {
        for (java.util.function.LongFunction<Sampler> make :
                List.<java.util.function.LongFunction<Sampler>>of(
                        RandomSampler::new, SobolSampler::new, TpeSampler::defaults)) {
            assertEquals(draws(make.apply(1), 15), draws(make.apply(1), 15));
            assertTrue(
                    !draws(make.apply(1), 15).equals(draws(make.apply(2), 15)),
                    make.apply(1).print());
        }
    }

    @Test
    void sobolPointsStratifyEachAxis() {
        SearchSpace unit = SearchSpace.of(Map.of("x", FloatDistribution.of(0, 1)));
        MemoryStore store = new MemoryStore(unit, Direction.MINIMIZE);
        SobolSampler s = new SobolSampler(0);
        int[] bins = new int[8];
        for (int i = 0; i < 64; i++) {
            int n = i;
            double x =
                    store.ask(st -> new TrialStore.Next.Sample(s.sample(st, n)))
                            .orElseThrow()
                            .params()
                            .get("x");
            bins[(int) (x * 8)]++;
        }
        for (int b : bins) {
            assertTrue(b >= 7 && b <= 9, java.util.Arrays.toString(bins)); // random: ±5 or so
        }
    }

    @Test
    void theGridVisitsEveryCombinationOnceAndThenStops() {
        SearchSpace s =
                SearchSpaceTest.parse(
                        SearchSpaceTest.map(
                                "init",
                                "choice(options=[he_normal, orthogonal(gain=float(low=0.5, high=2,"
                                        + " step=0.5))])",
                                "batch",
                                "int(low=1, high=3)"));
        assertEquals((1 + 4) * 3, new GridSampler(0).size(s).getAsInt());
        Study done =
                Tuner.run(
                        new MemoryStore(s, Direction.MINIMIZE),
                        new GridSampler(5),
                        Pruner.NONE,
                        t -> Objective.Outcome.complete(0),
                        new Tuner.Settings(100, 60_000, null));
        Study again =
                Tuner.run(
                        new MemoryStore(s, Direction.MINIMIZE),
                        new GridSampler(5),
                        Pruner.NONE,
                        t -> Objective.Outcome.complete(0),
                        new Tuner.Settings(100, 60_000, null));
        Study other =
                Tuner.run(
                        new MemoryStore(s, Direction.MINIMIZE),
                        new GridSampler(6),
                        Pruner.NONE,
                        t -> Objective.Outcome.complete(0),
                        new Tuner.Settings(100, 60_000, null));
        assertEquals(
                done.trials().stream().map(Trial::params).toList(),
                again.trials().stream().map(Trial::params).toList());
        assertTrue(
                !done.trials().stream()
                        .map(Trial::params)
                        .toList()
                        .equals(other.trials().stream().map(Trial::params).toList()),
                "seed shuffles the order");
        Set<Map<String, Double>> seen = new HashSet<>();
        done.trials().forEach(t -> seen.add(t.params()));
        assertEquals(15, done.trials().size());
        assertEquals(15, seen.size());
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new GridSampler(0)
                                        .size(
                                                SearchSpaceTest.parse(
                                                        SearchSpaceTest.map(
                                                                "optimizer.lr",
                                                                "float(low=0.1, high=1)"))));
        assertTrue(
                e.getMessage().contains("needs a step on float parameter 'optimizer.lr'"),
                e.getMessage());
    }

    @Test
    void samplersAndPrunersAreReadFromExpressions() {
        assertEquals(
                "tpe(seed=3, startup=10, candidates=24, multivariate=false,"
                        + " constant_liar=true, prior_weight=1)",
                Samplers.sampler("tpe(multivariate=false)", 3).print());
        assertEquals(
                "hyperband(min_resource=1, max_resource=9, reduction_factor=3)",
                Samplers.pruner("hyperband", 9).print());
        assertThrows(ConfigException.class, () -> Samplers.sampler("tpee", 0));
    }
}
