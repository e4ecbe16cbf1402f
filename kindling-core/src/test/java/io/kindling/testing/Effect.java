package io.kindling.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Assertions for effects of training that must hold on any CPU, not only on the machine that
 * wrote the test.
 *
 * <p>Bit-identical results hold for one machine, thread count and seed; another CPU picks other
 * kernels and summation orders, and a few hundred steps of a deep net amplify the last bit. So an
 * effect test runs several seeds, asserts the effect for <em>every</em> seed with a margin taken
 * from the spread measured over many seeds and thread counts, and states the measured values and
 * the threshold in its message. Each check also prints one line, {@code EFFECT <name>: worst
 * margin ...}, so that a developer can see how far from its threshold every effect is.
 *
 * <p>Two system properties widen the check (Maven passes {@code -D} properties to the tests):
 * {@code kindling.effect.seeds} ({@code 0..4}, or one seed such as {@code 7}) replaces each
 * test's default seeds, and {@code kindling.effect.threads} (default 1) changes the libtorch
 * thread count — a different thread count sums in a different order, as another CPU would. The
 * {@code effects} Maven profile runs the effect tests for seeds 0..4.
 */
public final class Effect {

    /** The system property that replaces the default seeds, e.g. {@code 0..4}. */
    public static final String SEEDS = "kindling.effect.seeds";
    /** The system property that sets the intra-op threads of effect runs (default 1). */
    public static final String THREADS = "kindling.effect.threads";

    private Effect() {}

    /**
     * The seeds an effect test runs: consecutive, from {@value #SEEDS} when set, otherwise
     * {@code 0 .. defaultCount-1}.
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
            throw new IllegalArgumentException("Bad -D" + SEEDS + "=" + text
                    + "; expected a range such as 0..4 or one seed such as 7", e);
        }
    }

    /** The libtorch intra-op threads for effect runs, from {@value #THREADS} (default 1). */
    public static int threads() {
        return Integer.parseInt(System.getProperty(THREADS, "1").strip());
    }

    /**
     * Asserts {@code high[i] - low[i] >= minGap} for every seed i.
     *
     * @param effect what the effect is, e.g. "He's loss below Xavier's"
     * @param highName name of the larger quantity
     * @param high its value per seed
     * @param lowName name of the smaller quantity
     * @param low its value per seed
     * @param minGap the smallest gap accepted
     */
    public static void gap(String effect, String highName, double[] high, String lowName,
            double[] low, double minGap) {
        double[] gaps = new double[high.length];
        for (int i = 0; i < high.length; i++) {
            gaps[i] = high[i] - low[i];
        }
        String message = String.format(Locale.ROOT,
                "%s: %s per seed %s, %s per seed %s; gaps %s must each be >= %s", effect,
                highName, show(high), lowName, show(low), show(gaps), num(minGap));
        check(effect, gaps, minGap, message);
    }

    /**
     * Asserts {@code values[i] >= threshold} for every seed i.
     *
     * @param effect what is measured
     * @param values the value per seed
     * @param threshold the smallest value accepted
     */
    public static void atLeast(String effect, double[] values, double threshold) {
        check(effect, values, threshold, String.format(Locale.ROOT,
                "%s per seed %s must each be >= %s", effect, show(values), num(threshold)));
    }

    /**
     * Asserts {@code values[i] <= threshold} for every seed i.
     *
     * @param effect what is measured
     * @param values the value per seed
     * @param threshold the largest value accepted
     */
    public static void atMost(String effect, double[] values, double threshold) {
        double[] negated = Arrays.stream(values).map(v -> -v).toArray();
        check(effect, negated, -threshold, String.format(Locale.ROOT,
                "%s per seed %s must each be <= %s", effect, show(values), num(threshold)));
    }

    private static void check(String effect, double[] values, double threshold, String message) {
        double worst = Arrays.stream(values).map(v -> Double.isNaN(v) ? Double.NEGATIVE_INFINITY
                : v).min().orElse(Double.NEGATIVE_INFINITY);
        System.out.printf(Locale.ROOT, "EFFECT %s: worst margin %s (threads %d) | %s%n", effect,
                num(worst - threshold), threads(), message);
        assertTrue(worst >= threshold, message + "; worst margin " + num(worst - threshold));
    }

    private static String show(double[] values) {
        return Arrays.stream(values).mapToObj(Effect::num)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
