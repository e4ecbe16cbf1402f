package io.kindling.compare;

import io.kindling.diagnose.Diagnose;
import io.kindling.diagnose.Diagnosis;
import io.kindling.diagnose.LayerStats;
import io.kindling.testing.Effect;
import io.kindling.train.Experiment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five shipped experiments, run from their files on the shipped subset: each shows its paper's
 * effect for every seed, on any CPU.
 *
 * <p>What is asserted survives a change of CPU (see {@link Effect}): statistics at initialization
 * (verdicts, per-layer statistics) for every seed, and, where training is needed, the effect for
 * every seed with a margin taken from the spread measured over seeds 0..9 with one and with two
 * threads (the numbers are in each test's comment). A variant that stalls stays at ln 10 = 2.3026
 * whatever the CPU; one that trains must be clearly below it over the second half of its run (a
 * mean over many steps, not one noisy window).
 */
@Tag("effect")
class ShippedExperimentsTest {

    /** Seeds per effect by default; {@code -Dkindling.effect.seeds=0..9} for more. */
    static final int DEFAULT_SEEDS = 2;

    /**
     * Threads per run by default: two train these 30-layer nets about 20% faster than one on 2
     * cores, and every margin was measured at both.
     */
    static final int THREADS = 2;

    @TempDir Path tmp;

    static List<Variant> variants(String name, int steps) {
        return variants(name, steps, Map.of());
    }

    /** The experiment's variants on the shipped subset, with more keys overridden. */
    static List<Variant> variants(String name, int steps, Map<String, Object> more) {
        Map<String, Object> file = Experiment.readYaml(Path.of("..", "examples", name + ".yaml"));
        Map<String, Object> overrides = new LinkedHashMap<>(more);
        overrides.put("data", "fashion-mnist(source=subset)");
        overrides.put("steps", steps);
        overrides.put("threads", Effect.threads(THREADS));
        overrides.put("log_every", 5);
        overrides.put("seed", seeds().get(0));
        return Variants.of(file, overrides, List.of());
    }

    static List<Long> seeds() {
        return Effect.seeds(DEFAULT_SEEDS);
    }

    /** One seed's training curve, summarized. */
    record Curve(double lowest, double secondHalf) {}

    /**
     * Trains the named variants of an experiment for every seed.
     *
     * @return label → one {@link Curve} a seed
     */
    Map<String, List<Curve>> train(String name, int steps, String... labels) {
        return train(tmp, name, steps, Map.of(), labels);
    }

    /**
     * Trains the named variants of an experiment for every seed into {@code tmp/name}, with {@code
     * more} keys overridden.
     *
     * @return label → one {@link Curve} a seed
     */
    static Map<String, List<Curve>> train(
            Path tmp, String name, int steps, Map<String, Object> more, String... labels) {
        List<Variant> chosen =
                variants(name, steps, more).stream()
                        .filter(v -> List.of(labels).contains(v.label()))
                        .toList();
        Path out = tmp.resolve(name);
        Comparison.run(chosen, seeds().size(), out, new PrintStream(new ByteArrayOutputStream()));
        Map<String, List<Curve>> curves = new LinkedHashMap<>();
        for (Variant v : chosen) {
            curves.put(
                    v.label(),
                    seeds().stream()
                            .map(
                                    s ->
                                            curve(
                                                    out.resolve(Comparison.safe(v.label()))
                                                            .resolve("seed-" + s)
                                                            .resolve("metrics.jsonl")))
                            .toList());
        }
        return curves;
    }

    /**
     * The lowest logged training loss (each a mean over 5 steps) and the mean of those after the
     * run's midpoint.
     */
    static Curve curve(Path metrics) {
        List<double[]> curve = Comparison.lossCurve(metrics);
        double last = curve.get(curve.size() - 1)[0];
        return new Curve(
                curve.stream().mapToDouble(p -> p[1]).min().orElseThrow(),
                curve.stream()
                        .filter(p -> p[0] > last / 2)
                        .mapToDouble(p -> p[1])
                        .average()
                        .orElseThrow());
    }

    static double[] lowest(List<Curve> perSeed) {
        return perSeed.stream().mapToDouble(Curve::lowest).toArray();
    }

    static double[] secondHalf(List<Curve> perSeed) {
        return perSeed.stream().mapToDouble(Curve::secondHalf).toArray();
    }

    /** Diagnoses every variant at initialization for every seed, without training. */
    static Map<String, List<Diagnosis>> atInit(String name) {
        return atInit(name, Map.of());
    }

    /**
     * Diagnoses the named variants (every variant when none is named) at initialization for every
     * seed, with more keys overridden.
     */
    static Map<String, List<Diagnosis>> atInit(
            String name, Map<String, Object> more, String... labels) {
        Map<String, List<Diagnosis>> out = new LinkedHashMap<>();
        for (Variant v : variants(name, 1, more)) {
            if (labels.length > 0 && !List.of(labels).contains(v.label())) {
                continue;
            }
            out.put(
                    v.label(),
                    seeds().stream().map(s -> Diagnose.of(v.spec().withSeed(s))).toList());
        }
        return out;
    }

    static List<String> verdicts(List<Diagnosis> perSeed) {
        return perSeed.stream().map(d -> d.verdict().kind()).toList();
    }

    static double[] perSeed(List<Diagnosis> ds, ToDoubleFunction<Diagnosis> f) {
        return ds.stream().mapToDouble(f).toArray();
    }

    /**
     * Xavier's output carries 0.695^30 of its input, so it stays at chance; He trains. Measured
     * over seeds 0..9 with 1 and with 2 threads, 100 steps: Xavier's lowest logged loss 2.302 in
     * all 20 runs, He's 1.01–1.73 (gap ≥ 0.58 against the 0.3 asserted; mean 1.32, sd 0.21).
     */
    @Test
    void heVsXavier() {
        stallsVersusTrains("he-vs-xavier", "xavier_normal", "kaiming_normal")
                .same(
                        "verdict of lsuv at init",
                        "healthy",
                        verdicts(atInit("he-vs-xavier").get("lsuv")))
                .verify();
    }

    /**
     * The shape of He et al.'s and Mishkin & Matas's effect: at initialization one variant's signal
     * vanishes and the other's is healthy; over 100 steps the first never leaves chance (every
     * logged loss ≥ 2.28, ln 10 = 2.3026) while the second's lowest logged loss is at least 0.3
     * below the first's, for every seed.
     *
     * @return the checks, to extend and verify
     */
    Effect.Checks stallsVersusTrains(String experiment, String stalls, String trains) {
        Map<String, List<Diagnosis>> init = atInit(experiment);
        Map<String, List<Curve>> run = train(experiment, 100, stalls, trains);
        return Effect.checks(experiment)
                .same("verdict of " + stalls + " at init", "vanishing", verdicts(init.get(stalls)))
                .same("verdict of " + trains + " at init", "healthy", verdicts(init.get(trains)))
                .atLeast(
                        stalls + " never leaves ln 10 (lowest train loss)",
                        lowest(run.get(stalls)),
                        2.28)
                .gap(
                        trains + " trains, " + stalls + " stalls",
                        stalls + "'s lowest train loss",
                        lowest(run.get(stalls)),
                        trains + "'s",
                        lowest(run.get(trains)),
                        0.3);
    }

    /**
     * N(0,1) weights put most tanh units in the tails and training crawls; Xavier trains. Measured
     * over seeds 0..9 with 1 and with 2 threads, 60 steps: second-half loss of N(0,1) 2.61–3.43, of
     * Xavier 0.64–0.72 (gap ≥ 1.91 against the 1.0 asserted).
     */
    @Test
    void glorotTanh() {
        Map<String, List<Diagnosis>> init = atInit("glorot-tanh");
        Map<String, List<Curve>> run = train("glorot-tanh", 60, "normal(std=1)", "xavier_normal");
        Effect.checks("glorot-tanh")
                .same(
                        "verdict of normal(std=1) at init",
                        "saturated",
                        verdicts(init.get("normal(std=1)")))
                .same(
                        "verdict of xavier_normal at init",
                        "healthy",
                        verdicts(init.get("xavier_normal")))
                .gap(
                        "Xavier trains, N(0,1) crawls",
                        "N(0,1)'s second-half train loss",
                        secondHalf(run.get("normal(std=1)")),
                        "Xavier's",
                        secondHalf(run.get("xavier_normal")),
                        1.0)
                .verify();
    }

    /**
     * In a deep linear net square orthogonal weights preserve every sample's norm exactly, so the
     * activations' root mean square is the same at every hidden layer up to rounding; a Gaussian of
     * the same variance preserves it only on average. At initialization, no training. Measured over
     * seeds 0..9: orthogonal ≤ 3.3e-8 (rounding), the Gaussian 0.165–0.485.
     */
    @Test
    void saxeLinear() {
        Map<String, List<Diagnosis>> init = atInit("saxe-linear");
        Effect.checks("saxe-linear")
                .atMost(
                        "orthogonal: relative spread of the activation RMS over hidden layers",
                        perSeed(init.get("orthogonal"), ShippedExperimentsTest::rmsSpread),
                        1e-4)
                .atLeast(
                        "Gaussian: relative spread of the activation RMS over hidden layers",
                        perSeed(
                                init.get("normal(std=1/sqrt(128))"),
                                ShippedExperimentsTest::rmsSpread),
                        0.05)
                .verify();
    }

    /**
     * Relative spread (max − min) / max of the activations' RMS, √(std² + mean²), over the square
     * hidden layers (all but the first and the last).
     */
    static double rmsSpread(Diagnosis d) {
        List<LayerStats> hidden = d.layers().subList(1, d.layers().size() - 1);
        double[] rms =
                hidden.stream()
                        .mapToDouble(
                                l ->
                                        Math.sqrt(
                                                l.postStd() * l.postStd()
                                                        + l.postMean() * l.postMean()))
                        .toArray();
        double max = Arrays.stream(rms).max().orElseThrow();
        double min = Arrays.stream(rms).min().orElseThrow();
        return (max - min) / max;
    }

    /**
     * LSUV rescues a vanishing normal(std=0.01) init. Measured over seeds 0..9 with 1 and with 2
     * threads, 100 steps: lowest logged loss of normal(std=0.01) 2.302–2.303 in all 20 runs, LSUV's
     * 0.99–1.65 (gap ≥ 0.66 against the 0.3 asserted).
     */
    @Test
    void mishkinLsuv() {
        stallsVersusTrains("mishkin-lsuv", "normal(std=0.01)", "lsuv(normal(std=0.01))").verify();
    }

    /**
     * SELU with lecun_normal holds the activations near unit variance through depth; too small or
     * too large a Gaussian vanishes or explodes. At initialization. Measured over seeds 0..9: |std
     * − 1| ≤ 0.174 at layer 10 and ≤ 0.070 at layers 20 and 30; normal(std=0.1) reaches std 116–405
     * at layer 30. (Its verdict is "exploding" for 9 of those 10 seeds: the last layer's std is
     * near the rule's 100× threshold, so the verdict itself is not asserted.)
     */
    @Test
    void klambauerSelu() {
        Map<String, List<Diagnosis>> init = atInit("klambauer-selu");
        Effect.Checks checks = Effect.checks("klambauer-selu");
        for (int layer : new int[] {10, 20, 30}) {
            checks.atMost(
                    "lecun_normal: |std − 1| at layer " + layer,
                    perSeed(
                            init.get("lecun_normal"),
                            d -> Math.abs(d.layers().get(layer - 1).postStd() - 1)),
                    0.3);
        }
        checks.same(
                        "verdict of normal(std=0.02) at init",
                        "vanishing",
                        verdicts(init.get("normal(std=0.02)")))
                .atLeast(
                        "normal(std=0.1): activation std at layer 30",
                        perSeed(init.get("normal(std=0.1)"), d -> d.layers().get(29).postStd()),
                        20)
                .verify();
    }
}
