package io.kindling.nn;

import static io.kindling.nn.Families.build;
import static io.kindling.nn.Families.context;
import static io.kindling.nn.Families.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CNN and residual families: structure, recorded contexts, probes, forward shapes. */
class FamiliesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "lenet5",
                "lenet5(activation=relu, pool=max)",
                "cnn(depth=5, width=4, stages=3)",
                "cnn(depth=3, width=4, norm=batch, stages=2)",
                "resnet(blocks=3, width=4)",
                "resnet(blocks=4, width=4, residual=fixup, stages=2)",
                "resnet(blocks=3, width=4, residual=rezero)",
                "resnet(blocks=3, width=4, norm=none," + " residual=skipinit)",
                "resmlp(blocks=2, width=16)",
                "resmlp(blocks=2, width=16, norm=layer, residual=rezero)",
                "resmlp(blocks=2, width=16, norm=batch, residual=skipinit)",
                "resmlp(blocks=2, width=16, residual=fixup)"
            })
    void buildsAndMapsABatchOfImagesToClassScores(String expr) {
        Model m = build(expr);
        try (NDManager manager = NDManager.newBaseManager()) {
            Families.initialize(m, "he_normal", 1, manager);
            assertEquals(new Shape(3, 10), Families.forwardShape(m, 3, manager));
        }
        for (ModelParameter p : m.parameters()) {
            ProbeKind expected = ProbeKind.OUTPUT;
            ParamContext c = p.context();
            if (c.role() == Role.WEIGHT) {
                assertTrue(m.probe(c.layerName(), expected).isPresent(), c.name());
            }
        }
    }

    @Test
    void lenet5IsTheClassicStackWithFourHundredFeaturesAfterTheConvs() {
        Model m = build("lenet5");
        assertEquals(
                List.of(
                        "conv1.weight",
                        "conv1.bias",
                        "conv2.weight",
                        "conv2.bias",
                        "fc1.weight",
                        "fc1.bias",
                        "fc2.weight",
                        "fc2.bias",
                        "fc3.weight",
                        "fc3.bias"),
                names(m));
        assertEquals(new Shape(6, 1, 5, 5), context(m, "conv1.weight").shape());
        assertEquals(25, context(m, "conv1.weight").fanIn());
        assertEquals(150, context(m, "conv1.weight").fanOut());
        assertEquals(150, context(m, "conv2.weight").fanIn());
        assertEquals(new Shape(120, 400), context(m, "fc1.weight").shape());
        assertEquals("tanh", context(m, "fc2.weight").nonlinearity().name());
        assertEquals("identity", context(m, "fc3.weight").nonlinearity().name());
        assertEquals(5, context(m, "fc3.weight").depthIndex());
        assertTrue(context(m, "fc3.weight").isLast());
        assertEquals(61_706, m.trainableCount());
        assertEquals(
                List.of("conv1", "conv2", "fc1", "fc2"),
                m.probes(ProbeKind.POST).stream().map(Probe::layer).toList());
    }

    @Test
    void cnnSplitsDepthOverStagesRemainderFirstAndDoublesTheWidth() {
        Model m = build("cnn(depth=5, width=4, stages=3)");
        int[] stage = {1, 1, 2, 2, 3};
        long[] width = {4, 4, 8, 8, 16};
        long[] in = {1, 4, 4, 8, 8};
        for (int i = 1; i <= 5; i++) {
            ParamContext w = context(m, "conv" + i + ".weight");
            assertEquals(new Shape(width[i - 1], in[i - 1], 3, 3), w.shape(), w.name());
            assertEquals(stage[i - 1], w.stage(), w.name());
            assertEquals(i, w.depthIndex());
            assertNull(w.residual());
            assertEquals(stage[i - 1], context(m, "conv" + i + ".bias").stage());
        }
        assertEquals(new Shape(10, 16), context(m, "head.weight").shape());
        assertEquals(0, context(m, "head.weight").stage());
        assertFalse(m.hasResidualBranches());
        assertTrue(m.probes(ProbeKind.STREAM).isEmpty());
    }

    @Test
    void cnnWithBatchNormDropsTheConvBiases() {
        Model m = build("cnn(depth=3, width=4, norm=batch, stages=1)");
        assertEquals(
                List.of(
                        "conv1.weight",
                        "conv1.batch_norm.gain",
                        "conv1.batch_norm.shift",
                        "conv1.batch_norm.runningMean",
                        "conv1.batch_norm.runningVar"),
                names(m).subList(0, 5));
        assertEquals(
                List.of(),
                names(m).stream()
                        .filter(n -> n.startsWith("conv") && n.endsWith(".bias"))
                        .toList());
    }

    @Test
    void resnetRecordsBlocksStagesAndResidualPositions() {
        Model m = build("resnet(blocks=5, width=4, stages=3)");
        List<String> blocks =
                List.of(
                        "stage1.block1",
                        "stage1.block2",
                        "stage2.block1",
                        "stage2.block2",
                        "stage3.block1");
        assertEquals(blocks, m.probes(ProbeKind.STREAM).stream().map(Probe::layer).toList());
        for (String b : blocks) {
            int s = b.charAt(5) - '0';
            for (int k = 1; k <= 2; k++) {
                ParamContext w = context(m, b + ".conv" + k + ".weight");
                assertEquals(new ResidualPosition(5, 2, k), w.residual(), w.name());
                assertEquals(b, w.block());
                assertEquals(s, w.stage());
                assertEquals(k == 2, w.residualOut());
                assertEquals(4L << (s - 1), w.shape().get(0));
                assertTrue(m.probe(b + ".conv" + k, ProbeKind.OUTPUT).isPresent());
            }
            // torchvision's BasicBlock: the activation after the sum is the block's own
            assertTrue(m.probe(b, ProbeKind.POST).isPresent(), b);
        }
        ParamContext shortcut = context(m, "stage2.block1.shortcut.weight");
        assertEquals(new Shape(8, 4, 1, 1), shortcut.shape());
        assertNull(shortcut.residual());
        assertEquals("stage2.block1", shortcut.block());
        assertEquals(2, shortcut.stage());
        assertTrue(names(m).contains("stage3.block1.shortcut.batch_norm.gain"));
        assertFalse(names(m).stream().anyMatch(n -> n.startsWith("stage1.block1.shortcut")));
        ParamContext stem = context(m, "stem.weight");
        assertEquals(new Shape(4, 1, 3, 3), stem.shape());
        assertEquals(0, stem.stage());
        assertEquals("", stem.block());
        assertTrue(stem.isFirst());
        assertFalse(names(m).contains("stem.bias"));
        assertTrue(context(m, "head.weight").isLast());
        // stem, 5 blocks of 2 convs, 2 shortcuts, head
        assertEquals(14, context(m, "head.weight").totalDepth());
    }

    @Test
    void fixupResnetHasScalarBiasesAMultiplierAndAHeadBiasButNoNorm() {
        Model m = build("resnet(blocks=2, width=4, norm=none, residual=fixup, stages=1)");
        assertEquals(
                List.of(
                        "stem.weight",
                        "stage1.block1.bias1a.bias",
                        "stage1.block1.conv1.weight",
                        "stage1.block1.bias1b.bias",
                        "stage1.block1.bias2a.bias",
                        "stage1.block1.conv2.weight",
                        "stage1.block1.scale.scale",
                        "stage1.block1.bias2b.bias"),
                names(m).subList(0, 8));
        assertEquals(
                List.of("head_bias.bias", "head.weight", "head.bias"),
                names(m).subList(names(m).size() - 3, names(m).size()));
        assertTrue(m.parameters().stream().noneMatch(p -> p.context().layer() == LayerKind.NORM));
        ParamContext scale = context(m, "stage1.block2.scale.scale");
        assertEquals(Role.SCALE, scale.role());
        assertEquals(LayerKind.SCALAR, scale.layer());
        assertEquals("stage1.block2", scale.block());
        assertEquals(new Shape(1), scale.shape());
    }

    @Test
    void rezeroAndSkipinitArePreActivationBlocksEndingInAGate() {
        for (String design : List.of("rezero", "skipinit")) {
            Model m = build("resnet(blocks=2, width=4, residual=" + design + ", stages=1)");
            ParamContext gate = context(m, "stage1.block1.gate.gate");
            assertEquals(Role.GATE, gate.role());
            assertEquals(LayerKind.SCALAR, gate.layer());
            // the pre-activation is the block's; nothing follows the sum
            assertTrue(m.probe("stage1.block1", ProbeKind.PRE).isPresent());
            assertEquals(2, m.probes(ProbeKind.STREAM).size());
            int gateAt = names(m).indexOf("stage1.block1.gate.gate");
            assertEquals("stage1.block1.conv2.batch_norm.runningVar", names(m).get(gateAt - 1));
        }
    }

    @Test
    void resmlpFlattensImagesAndStacksIdentityBlocks() {
        Model m = build("resmlp(blocks=3, width=16, norm=layer)");
        assertEquals(new Shape(16, 784), context(m, "stem.weight").shape());
        for (int b = 1; b <= 3; b++) {
            ParamContext fc2 = context(m, "block" + b + ".fc2.weight");
            assertEquals(new ResidualPosition(3, 2, 2), fc2.residual());
            assertEquals("block" + b, fc2.block());
            assertTrue(names(m).contains("block" + b + ".fc1.layer_norm.gain"));
        }
        assertEquals(
                List.of("block1", "block2", "block3"),
                m.probes(ProbeKind.STREAM).stream().map(Probe::layer).toList());
        assertEquals(
                IntStream.rangeClosed(1, 3).boxed().toList(),
                m.probes(ProbeKind.STREAM).stream().map(Probe::index).toList());
        Model rows = Models.REGISTRY.parse("resmlp(blocks=1, width=8)").build(5, 3);
        assertEquals(new Shape(8, 5), context(rows, "stem.weight").shape());
    }
}
