package io.kindling.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Against SciPy 1.10's norm and truncnorm (values printed by scipy.stats, float64). */
class TruncatedNormalTest {

    private static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void logNdtrMatchesScipyInBothTails() {
        close(-316.63940800802027, TruncatedNormal.logNdtr(-25)); // asymptotic series
        close(-6.60772622151035, TruncatedNormal.logNdtr(-3));
        assertEquals(-1.2798125438866539e-12, TruncatedNormal.logNdtr(7), 1e-20);
    }

    @Test
    void logGaussMassMatchesScipyInTheCentreAndFarRight() {
        close(-0.20016629432446262, TruncatedNormal.logGaussMass(-1, 2));
        close(-454.32124395634327, TruncatedNormal.logGaussMass(30, 31));
    }

    @Test
    void quantilesAndDensityMatchScipyTruncnorm() {
        close(-0.24240381788922707, TruncatedNormal.ppf(0.3, -1, 2));
        close(1.3194689604428471, TruncatedNormal.ppf(0.7, 0.5, 3));
        close(-0.7987722388802101, TruncatedNormal.logPdf(0.4, -1, 2));
        close(-6.361340902404056, TruncatedNormal.inverseNdtr(1e-10));
        close(1.959963984540054, TruncatedNormal.inverseNdtr(0.975));
    }
}
