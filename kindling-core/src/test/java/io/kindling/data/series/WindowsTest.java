package io.kindling.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WindowsTest {

    private static double[] ramp(int n) {
        return IntStream.range(0, n).asDoubleStream().toArray();
    }

    @Test
    void firstAndLastWindowsHoldTheExactValuesAndStartStrideApart() {
        Windows w = new Windows(4, 2, 3);
        Windows.Windowed cut = w.cut(ramp(20), 0, 20);
        // (20 − 6) / 3 + 1 = 5 windows starting at 0, 3, 6, 9, 12
        assertEquals(5, cut.size());
        assertArrayEquals(new int[] {0, 3, 6, 9, 12}, cut.starts());
        float[] x = cut.inputs();
        float[] y = cut.targets();
        assertArrayEquals(new float[] {0, 1, 2, 3}, java.util.Arrays.copyOfRange(x, 0, 4));
        assertArrayEquals(new float[] {4, 5}, java.util.Arrays.copyOfRange(y, 0, 2));
        assertArrayEquals(new float[] {12, 13, 14, 15}, java.util.Arrays.copyOfRange(x, 16, 20));
        assertArrayEquals(new float[] {16, 17}, java.util.Arrays.copyOfRange(y, 8, 10));
    }

    @Test
    void aStretchIsCutOnlyWithinItself() {
        Windows.Windowed cut = new Windows(3, 1, 1).cut(ramp(30), 10, 16);
        assertArrayEquals(new int[] {10, 11, 12}, cut.starts());
        assertEquals(15f, cut.targets()[2]);
    }

    @Test
    void aStretchShorterThanWindowPlusHorizonHoldsNoWindow() {
        Windows w = new Windows(5, 3, 1);
        assertEquals(0, w.count(7));
        assertEquals(1, w.count(8));
        assertEquals(0, w.cut(ramp(7), 0, 7).size());
    }

    @Test
    void aZeroHorizonIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Windows(5, 0, 1));
        assertEquals(
                "window, horizon and stride must be >= 1, got window 5, horizon 0, stride 1",
                e.getMessage());
    }
}
