package io.kindling.init;

import static io.kindling.init.SampleChecks.weight;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.kindling.engine.Compute;
import io.kindling.nn.ParamContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fixed structures eye and dirac: exact values, shape errors, and what they preserve. */
class EyeDiracTest {

    private static NDManager manager;

    @BeforeAll
    static void start() {
        Compute.start(new Compute.Threads(1, 1));
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @ParameterizedTest(name = "eye on {0}x{1} has ones exactly on the diagonal")
    @CsvSource({"4, 4", "3, 5", "5, 3", "1, 7"})
    void eyeHasOnesExactlyOnTheDiagonal(long out, long in) {
        NDArray w = new Eye().sample(weight("relu", out, in), manager);
        assertEquals(DataType.FLOAT32, w.getDataType());
        assertEquals(new Shape(out, in), w.getShape());
        float[] v = w.toFloatArray();
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < in; j++) {
                assertEquals(i == j ? 1f : 0f, v[(int) (i * in + j)], "w[" + i + "][" + j + "]");
            }
        }
        assertEquals(0, new Eye().std(weight("relu", out, in)));
    }

    @Test
    void eyeOnAConvWeightNamesTheShape() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Eye().sample(weight("relu", 16, 8, 3, 3), manager));
        assertTrue(e.getMessage().contains("(16, 8, 3, 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
    }

    @ParameterizedTest(name = "dirac(groups={1}) on {0} puts one 1 per kept channel at the centre")
    @CsvSource(
            delimiter = ';',
            value = {
                "4,2,3; 1",
                "3,4,3,3; 1",
                "4,4,5,5; 1",
                "4,3,2,2; 1",
                "6,4,3,3; 2",
                "6,1,3; 3",
                "2,3,3,2,3; 1",
                "8,2,3,3,3; 4",
            })
    void diracPutsOneOnePerKeptChannelAtTheCentre(String shapeText, int groups) {
        long[] dims = SampleChecks.shape(shapeText);
        ParamContext ctx = weight("relu", dims);
        float[] v = new Dirac(groups).sample(ctx, manager).toFloatArray();
        long perGroup = dims[0] / groups;
        long kept = Math.min(perGroup, dims[1]);
        float[] expected = new float[v.length];
        for (long g = 0; g < groups; g++) {
            for (long i = 0; i < kept; i++) {
                long[] index = new long[dims.length];
                index[0] = g * perGroup + i;
                index[1] = i;
                for (int d = 2; d < dims.length; d++) {
                    index[d] = dims[d] / 2;
                }
                expected[(int) flat(dims, index)] = 1;
            }
        }
        assertArrayEquals(expected, v);
        double ones = 0;
        for (float x : v) {
            ones += x;
        }
        assertEquals(groups * kept, ones, 0);
    }

    @Test
    void aDiracConvolutionCopiesItsInput() {
        ParamContext ctx = weight("relu", 5, 5, 3, 3);
        NDArray w = new Dirac(1).sample(ctx, manager);
        Compute.seed(3);
        NDArray x = manager.randomNormal(new Shape(2, 5, 7, 6));
        NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        assertArrayEquals(x.toFloatArray(), y.toFloatArray(), 1e-6f);
    }

    @ParameterizedTest(name = "dirac(groups={1}) on {0} is refused, naming the shape")
    @CsvSource(
            delimiter = ';',
            value = {
                "8,4; 1; 3-, 4- or 5-D",
                "2,2,2,2,2,2; 1; 3-, 4- or 5-D",
                "6,4,3,3; 4; divisible by groups"
            })
    void diracRefusesOtherShapes(String shapeText, int groups, String why) {
        ParamContext ctx = weight("relu", SampleChecks.shape(shapeText));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Dirac(groups).sample(ctx, manager));
        assertTrue(e.getMessage().contains(ctx.shape().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static long flat(long[] dims, long[] index) {
        long f = 0;
        for (int d = 0; d < dims.length; d++) {
            f = f * dims[d] + index[d];
        }
        return f;
    }
}
