package io.kindling.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Assertions for effects of training that must hold on any CPU, not only on the machine that wrote
 * the test.
 *
 * <p>Bit-identical results hold for one machine, thread count and seed; another CPU picks other
 * kernels and summation orders, and a few hundred steps of a deep net amplify the last bit. So an
 * effect test runs several seeds, asserts the effect for <em>every</em> seed with a margin taken
 * from the spread measured over many seeds and thread counts, and states the measured values and
 * the threshold in its message. Each check also prints one line, {@code EFFECT <name>: worst margin
 * ...}, so that a developer can see how far from its threshold every effect is.
 *
 * <p>Two system properties widen the check (Maven passes {@code -D} properties to the tests):
 * {@code kindling.effect.seeds} ({@code 0..4}, or one seed such as {@code 7}) replaces each test's
 * default seeds, and {@code kindling.effect.threads} replaces each test's libtorch thread count — a
 * different thread count sums in a different order, as another CPU would. The {@code effects} Maven
 * profile runs the effect tests for seeds 0..4.
 */
public final class Effect {

    /** The system property that replaces the default seeds, e.g. {@code 0..4}. */
    public static final String SEEDS = "kindling.effect.seeds";

    /** The system property that sets the intra-op threads of effect runs (default 1). */
    public static final String THREADS = "kindling.effect.threads";

    private Effect() {}

    /**
     * The seeds an effect test runs: consecutive, from {@value #SEEDS} when set, otherwise {@code 0
     * .. defaultCount-1}.
     *
     * @param defaultCount how many seeds to run by default (at least 2: one seed may be luck)
     * @return the seeds, ascending and consecutive
     */
    public static List<Long> seeds(int defaultCount) {
        String text = System.getProperty(SEEDS, "").strip();
        if (text.isEmpty()) {
            return LongStream.range(0, defaultCount).boxed().toList();
        }
        String[] range = text.split("\\.\\.", -1);
        try {
            long first = Long.parseLong(range[0].strip());
            long last = range.length == 2 ? Long.parseLong(range[1].strip()) : first;
            if (range.length > 2 || last < first) {
                throw new NumberFormatException();
            }
            return LongStream.rangeClosed(first, last).boxed().toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Bad -D"
                            + SEEDS
                            + "="
                            + text
                            + "; expected a range such as 0..4 or one seed such as 7",
                    e);
        }
    }

    /**
     * A measurement for every effect seed, reusing one already made.
     *
     * @param defaultCount how many seeds by default (see {@link #seeds(int)})
     * @param doneSeed the seed of a run the test has already made
     * @param doneValue its measurement
     * @param run makes the measurement for another seed
     * @return one value per seed of {@link #seeds(int)}
     */
    public static double[] perSeed(
            int defaultCount, long doneSeed, double doneValue, LongToDoubleFunction run) {
        return seeds(defaultCount).stream()
                .mapToDouble(s -> s == doneSeed ? doneValue : run.applyAsDouble(s))
                .toArray();
    }

    /** The libtorch intra-op threads for effect runs, from {@value #THREADS} (default 1). */
    public static int threads() {
        return threads(1);
    }

    /**
     * The libtorch intra-op threads for effect runs, from {@value #THREADS} when set.
     *
     * @param defaultThreads the count when the property is not set
     * @return the thread count
     */
    public static int threads(int defaultThreads) {
        String text = System.getProperty(THREADS, "").strip();
        return text.isEmpty() ? defaultThreads : Integer.parseInt(text);
    }

    /**
     * Starts a set of checks that are all evaluated before any fails, so that one run shows every
     * margin.
     *
     * @param name the experiment, e.g. "he-vs-xavier"
     * @return the checks, to finish with {@link Checks#verify()}
     */
    public static Checks checks(String name) {
        return new Checks(name);
    }

    /** Checks of one experiment; each prints its worst margin, {@link #verify()} fails on any. */
    public static final class Checks {

        private final String name;
        private final List<String> failures = new ArrayList<>();

        private Checks(String name) {
            this.name = name;
        }

        /**
         * Expects {@code high[i] - low[i] >= minGap} for every seed i.
         *
         * @param effect what the effect is, e.g. "He trains, Xavier stalls"
         * @param highName name of the larger quantity
         * @param high its value per seed
         * @param lowName name of the smaller quantity
         * @param low its value per seed
         * @param minGap the smallest gap accepted
         * @return these checks
         */
        public Checks gap(
                String effect,
                String highName,
                double[] high,
                String lowName,
                double[] low,
                double minGap) {
            double[] gaps = new double[high.length];
            for (int i = 0; i < high.length; i++) {
                gaps[i] = high[i] - low[i];
            }
            return check(
                    effect,
                    gaps,
                    minGap,
                    String.format(
                            Locale.ROOT,
                            "%s per seed %s, %s per seed %s; gaps %s must each be >= %s",
                            highName,
                            show(high),
                            lowName,
                            show(low),
                            show(gaps),
                            num(minGap)));
        }

        /**
         * Expects {@code values[i] >= threshold} for every seed i.
         *
         * @param effect what is measured
         * @param values the value per seed
         * @param threshold the smallest value accepted
         * @return these checks
         */
        public Checks atLeast(String effect, double[] values, double threshold) {
            return check(
                    effect,
                    values,
                    threshold,
                    String.format(
                            Locale.ROOT,
                            "per seed %s must each be >= %s",
                            show(values),
                            num(threshold)));
        }

        /**
         * Expects {@code values[i] <= threshold} for every seed i.
         *
         * @param effect what is measured
         * @param values the value per seed
         * @param threshold the largest value accepted
         * @return these checks
         */
        public Checks atMost(String effect, double[] values, double threshold) {
            double[] negated = Arrays.stream(values).map(v -> -v).toArray();
            return check(
                    effect,
                    negated,
                    -threshold,
                    String.format(
                            Locale.ROOT,
                            "per seed %s must each be <= %s",
                            show(values),
                            num(threshold)));
        }

        /**
         * Expects every seed's value to equal {@code expected} (e.g. a verdict at init).
         *
         * @param what what is compared
         * @param expected the expected value
         * @param perSeed the value per seed
         * @return these checks
         */
        public Checks same(String what, Object expected, List<?> perSeed) {
            boolean ok = perSeed.stream().allMatch(expected::equals);
            String line =
                    String.format(
                            Locale.ROOT,
                            "%s %s: %s per seed %s, expected %s",
                            name,
                            what,
                            ok ? "ok" : "FAILED",
                            perSeed,
                            expected);
            System.out.println("EFFECT " + line);
            if (!ok) {
                failures.add(line);
            }
            return this;
        }

        private Checks check(String effect, double[] values, double threshold, String detail) {
            double worst =
                    Arrays.stream(values)
                            .map(v -> Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v)
                            .min()
                            .orElse(Double.NEGATIVE_INFINITY);
            String line =
                    String.format(
                            Locale.ROOT,
                            "%s %s: worst margin %s: %s",
                            name,
                            effect,
                            num(worst - threshold),
                            detail);
            System.out.println("EFFECT " + line);
            if (!(worst >= threshold)) {
                failures.add(line);
            }
            return this;
        }

        /** Fails with every failed check, its measured values and its threshold. */
        public void verify() {
            assertTrue(
                    failures.isEmpty(),
                    () ->
                            failures.size()
                                    + " effect(s) not shown:\n  "
                                    + String.join("\n  ", failures));
        }
    }

    private static String show(double[] values) {
        return Arrays.stream(values)
                .mapToObj(Effect::num)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
