package io.kindling.nn;

import static io.kindling.nn.Families.build;
import static io.kindling.nn.Families.context;
import static io.kindling.nn.Families.std;
import static io.kindling.nn.Families.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * The families under {@code --init}: statistics that hold on any CPU (the std of thousands of
 * samples within a few standard errors of its target, exact zeros and ones).
 */
class FamilyInitTest {

    /** He normal: std = √2/√fan_in for relu. */
    private static double he(Model m, String name) {
        return Math.sqrt(2.0 / context(m, name).fanIn());
    }

    private static void assertStd(double expected, double actual, double relTol, String what) {
        assertEquals(expected, actual, relTol * expected, what);
    }

    private static void assertAll(Model m, String name, float v) {
        float[] values = value(m, name).toFloatArray();
        for (float x : values) {
            assertEquals(v, x, 0f, name);
        }
    }

    @Test
    void heNormalGivesEveryConvGainOverRootFanIn() {
        Model m = build("cnn(depth=4, width=32, stages=1)");
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "he_normal", 3, manager);
            // 32·32·9 = 9216 samples: the std's standard error is 0.7 %
            for (int i = 2; i <= 4; i++) {
                String w = "conv" + i + ".weight";
                assertStd(he(m, w), std(value(m, w)), 0.05, w);
                assertAll(m, "conv" + i + ".bias", 0f);
            }
        }
    }

    @Test
    void rezeroGatesStartAtExactlyZeroAndBatchNormAtOne() {
        Model m = build("resnet(blocks=3, width=8, residual=rezero)");
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "he_normal", 5, manager);
            int gates = 0;
            for (ModelParameter p : m.parameters()) {
                if (p.context().role() == Role.GATE) {
                    assertAll(m, p.name(), 0f);
                    gates++;
                } else if (p.context().role() == Role.GAIN) {
                    assertAll(m, p.name(), 1f);
                }
            }
            assertEquals(3, gates);
        }
    }

    @Test
    void fixupZeroesBranchEndsAndHeadAndScalesInnerConvsByLToTheMinusHalf() {
        Model m = build("resnet(blocks=4, width=16, residual=fixup, stages=2)");
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "fixup", 7, manager);
            // L = 4 branches of m = 2 convs: L^(−1/(2m−2)) = 4^(−1/2) = 0.5
            for (String b :
                    new String[] {
                        "stage1.block1", "stage1.block2", "stage2.block1", "stage2.block2"
                    }) {
                String conv1 = b + ".conv1.weight";
                assertStd(0.5 * he(m, conv1), std(value(m, conv1)), 0.1, conv1);
                assertAll(m, b + ".conv2.weight", 0f);
                assertAll(m, b + ".scale.scale", 1f);
                for (String bias : new String[] {"bias1a", "bias1b", "bias2a", "bias2b"}) {
                    assertAll(m, b + "." + bias + ".bias", 0f);
                }
            }
            assertAll(m, "head.weight", 0f);
            assertAll(m, "head_bias.bias", 0f);
            // outside the branches: the base init, unscaled (144 and 512 samples)
            assertStd(he(m, "stem.weight"), std(value(m, "stem.weight")), 0.25, "stem");
            String shortcut = "stage2.block1.shortcut.weight";
            assertStd(he(m, shortcut), std(value(m, shortcut)), 0.2, shortcut);
        }
    }

    @Test
    void fixupOnAResidualMlpScalesFc1ByItsOwnDepth() {
        Model m = build("resmlp(blocks=9, width=64, residual=fixup)");
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "fixup", 11, manager);
            // L = 9, m = 2: 9^(−1/2) = 1/3
            for (int b = 1; b <= 9; b++) {
                String fc1 = "block" + b + ".fc1.weight";
                assertStd(he(m, fc1) / 3, std(value(m, fc1)), 0.1, fc1);
                assertAll(m, "block" + b + ".fc2.weight", 0f);
            }
            assertStd(he(m, "stem.weight"), std(value(m, "stem.weight")), 0.05, "stem");
            assertAll(m, "head.weight", 0f);
        }
    }

    @Test
    void residualOutSelectsEveryBranchEnd() {
        Model m = build("resnet(blocks=3, width=4, norm=none, residual=skipinit)");
        long ends =
                m.parameters().stream()
                        .filter(p -> p.context().residualOut() && p.context().role() == Role.WEIGHT)
                        .count();
        assertEquals(3, ends);
        assertTrue(context(m, "stage2.block1.conv2.weight").residualOut());
    }
}
