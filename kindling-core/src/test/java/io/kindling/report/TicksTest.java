package io.kindling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.report.Ticks.Axis;
import io.kindling.report.Ticks.Scale;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TicksTest {

    /** Whether {@code v} is 1, 2 or 5 times a power of ten (to rounding). */
    static boolean oneTwoFive(double v) {
        double m = Math.abs(v) / Math.pow(10, Math.floor(Math.log10(Math.abs(v)) + 1e-9));
        return Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
    }

    /** Checks the invariants every linear axis keeps: 1-2-5 step, ends on ticks, covers data. */
    static void assertNiceLinear(Axis a, double min, double max) {
        double[] v = a.values();
        assertTrue(v.length >= 2, a.toString());
        double step = v[1] - v[0];
        assertTrue(oneTwoFive(step), "step " + step + " of " + a);
        for (int i = 1; i < v.length; i++) {
            assertEquals(step, v[i] - v[i - 1], step * 1e-9, a.toString());
            assertEquals(
                    Math.rint(v[i] / step),
                    v[i] / step,
                    1e-9 * Math.abs(v[i] / step) + 1e-9,
                    "multiple of the step");
        }
        assertEquals(v[0], a.lo());
        assertEquals(v[v.length - 1], a.hi());
        assertTrue(a.lo() <= min && a.hi() >= max, a + " covers " + min + ".." + max);
        assertTrue(a.lo() >= min - step && a.hi() <= max + step, "at most a step beyond: " + a);
        for (int i = 0; i < v.length; i++) {
            assertEquals(
                    v[i],
                    Double.parseDouble(a.labels().get(i)),
                    Math.abs(v[i]) * 1e-9 + 1e-300,
                    "label reads as its value: " + a);
        }
    }

    @Test
    void heckbertNiceNumbers() {
        assertEquals(500, Ticks.niceNumber(290, false), 1e-9);
        assertEquals(100, Ticks.niceNumber(125, true), 1e-9);
        assertEquals(20, Ticks.niceNumber(15, false), 1e-9);
        assertEquals(5, Ticks.niceNumber(4, true), 1e-9);
        assertEquals(2, Ticks.niceNumber(2, false), 1e-9);
        assertEquals(0.05, Ticks.niceNumber(0.04, true), 1e-12);
        assertEquals(10, Ticks.niceNumber(7.5, true), 1e-9);
    }

    @Test
    void stepsTenToThreeHundredAreRoundHundreds() {
        Axis a = Ticks.of(Scale.INTEGER, 10, 300, 6);
        assertEquals(List.of("0", "100", "200", "300"), a.labels());
        assertNiceLinear(a, 10, 300);
    }

    @Test
    void layersOneToSixteenAreWholeNumbers() {
        Axis a = Ticks.of(Scale.INTEGER, 1, 16, 6);
        assertEquals(List.of("0", "5", "10", "15", "20"), a.labels());
        assertNiceLinear(a, 1, 16);
    }

    @Test
    void anIntegerAxisNeverTakesAFractionalStep() {
        for (int n = 1; n <= 40; n++) {
            Axis a = Ticks.of(Scale.INTEGER, 1, n, 6);
            assertNiceLinear(a, 1, n);
            for (double v : a.values()) {
                assertEquals(Math.rint(v), v, 0.0, a.toString());
            }
            a.labels().forEach(l -> assertTrue(l.matches("-?\\d+"), l));
        }
        assertEquals(List.of("1", "2", "3"), Ticks.of(Scale.INTEGER, 1, 3, 6).labels());
        assertEquals(
                List.of("0", "1", "2", "3", "4", "5"), Ticks.of(Scale.INTEGER, 0, 5, 6).labels());
        assertEquals(List.of("0", "1"), Ticks.of(Scale.INTEGER, 0, 0, 6).labels());
    }

    @Test
    void linearLabelsShareTheStepsDecimalsWithoutNoise() {
        Axis accuracy = Ticks.of(Scale.LINEAR, 0, 0.92, 5);
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0"), accuracy.labels());
        Axis fine = Ticks.of(Scale.LINEAR, 0.1, 0.3, 5);
        assertEquals(List.of("0.10", "0.15", "0.20", "0.25", "0.30"), fine.labels());
        assertEquals(0.3, fine.values()[4], 0.0, "no 0.30000000000000004");
        assertEquals(
                List.of("-4", "-2", "0", "2", "4", "6"),
                Ticks.of(Scale.LINEAR, -3.2, 4.7, 6).labels());
        assertEquals(
                List.of("0", "2e-5", "4e-5", "6e-5", "8e-5"),
                Ticks.of(Scale.LINEAR, 1e-5, 8e-5, 5).labels());
        assertEquals(List.of("0", "1e7", "2e7", "3e7"), Ticks.of(Scale.LINEAR, 0, 3e7, 5).labels());
    }

    @Test
    void randomRangesKeepTheInvariants() {
        Random r = new Random(7);
        for (int k = 0; k < 2000; k++) {
            double scale = Math.pow(10, r.nextInt(12) - 6);
            double a = (r.nextDouble() * 2 - 1) * scale;
            double b = a + r.nextDouble() * scale * (r.nextBoolean() ? 1 : 0.01);
            int target = 3 + r.nextInt(6);
            Axis axis = Ticks.of(Scale.LINEAR, a, b, target);
            assertNiceLinear(axis, a, b);
            assertTrue(axis.values().length <= 2 * target + 1, axis.toString());
            assertEquals(
                    axis.labels().stream().distinct().count(),
                    axis.labels().size(),
                    "distinct labels: " + axis);
        }
    }

    @Test
    void logAxisOverSmallValuesTicksAtOneTwoFive() {
        Axis a = Ticks.of(Scale.LOG, 0.00283, 0.0522, 5);
        assertEquals(List.of("0.002", "0.005", "0.01", "0.02", "0.05", "0.1"), a.labels());
        assertEquals(0.002, a.lo(), 1e-15);
        assertEquals(0.1, a.hi(), 1e-15);
        assertEquals(0, a.fraction(0.002), 1e-12);
        assertEquals(1, a.fraction(0.1), 1e-12);
        assertTrue(Double.isNaN(a.fraction(0)) && Double.isNaN(a.fraction(-1)));
    }

    @Test
    void logAxisOverManyDecadesTicksAtDecades() {
        Axis a = Ticks.of(Scale.LOG, 2e-3, 3e2, 5);
        assertEquals(List.of("0.001", "0.01", "0.1", "1", "10", "100", "1000"), a.labels());
        Axis wide = Ticks.of(Scale.LOG, 1e-8, 3, 5);
        assertEquals(
                List.of("1e-8", "1e-6", "1e-4", "1e-2", "1e0", "1e2"),
                wide.labels(),
                "every second decade, one style for the whole axis");
        Axis huge = Ticks.of(Scale.LOG, 1e-30, 1e10, 5);
        for (double v : huge.values()) {
            assertTrue(
                    oneTwoFive(v)
                            && Math.abs(v - Math.pow(10, Math.rint(Math.log10(v)))) <= v * 1e-9,
                    "a decade: " + v);
        }
        assertTrue(huge.values().length <= 10);
    }

    @Test
    void logAxisWithinAFactorOfTwoFallsBackToLinearNiceTicks() {
        Axis a = Ticks.of(Scale.LOG, 0.011, 0.019, 5);
        assertEquals(Scale.LOG, a.scale());
        assertNiceLinear(a, 0.011, 0.019);
        Axis one = Ticks.of(Scale.LOG, 1, 1, 5);
        assertEquals(List.of("0.5", "1", "2"), one.labels());
        Axis none = Ticks.of(Scale.LOG, Double.NaN, Double.NaN, 5);
        assertEquals(List.of("1", "2", "5", "10"), none.labels(), "no data: 1 to 10");
    }

    @Test
    void randomLogRangesTickAtOneTwoFiveAndCoverTheData() {
        Random r = new Random(11);
        for (int k = 0; k < 2000; k++) {
            double lo = Math.pow(10, r.nextDouble() * 20 - 10);
            double hi = lo * Math.pow(10, r.nextDouble() * 8);
            Axis a = Ticks.of(Scale.LOG, lo, hi, 5);
            assertTrue(a.lo() <= lo * (1 + 1e-9) && a.hi() >= hi * (1 - 1e-9), a.toString());
            assertTrue(a.values().length >= 3 && a.values().length <= 12, a.toString());
            if (hi / lo > 3) {
                for (double v : a.values()) {
                    assertTrue(oneTwoFive(v), v + " in " + a);
                }
            }
            for (int i = 0; i < a.values().length; i++) {
                double v = a.values()[i];
                assertEquals(v, Double.parseDouble(a.labels().get(i)), v * 1e-9, a.toString());
            }
        }
    }

    @Test
    void singleNumbersAreShortAndExact() {
        assertEquals("0.0523", Ticks.format(0.0523));
        assertEquals("1.5", Ticks.format(1.5));
        assertEquals("250", Ticks.format(250));
        assertEquals("1.23e-5", Ticks.format(1.23e-5));
        assertEquals("3e6", Ticks.format(3e6));
        assertEquals("-0.00283", Ticks.format(-0.00283));
        assertEquals("0.333", Ticks.format(1.0 / 3));
        assertEquals("0", Ticks.format(0));
        assertEquals("NaN", Ticks.format(Double.NaN));
    }
}
