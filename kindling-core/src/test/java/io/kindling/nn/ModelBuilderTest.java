package io.kindling.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kindling.config.Call;
import io.kindling.config.ConfigException;
import io.kindling.config.Position;
import io.kindling.engine.Compute;
import io.kindling.init.InitPlan;
import io.kindling.init.Initializers;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The model tree: names, fans, residual positions and probes, on a hand-built network. */
class ModelBuilderTest {

    /** A stand-in spec whose build is the tiny residual CNN below. */
    record Tiny(boolean gated) implements ModelSpec {
        @Override
        public Model build(InputShape input, int outputs) {
            ModelBuilder b = new ModelBuilder(this, input).then(Convolution.images());
            b.then(Convolution.conv("stem", 4, 3, 1, 1, 1, true, Activation.RELU))
                    .activate(Activation.RELU);
            for (int k = 1; k <= 2; k++) {
                String block = "block" + k;
                b
                        .residual(
                                block,
                                f -> {
                                    f.then(
                                                    Convolution.conv(
                                                            block + ".conv1",
                                                            4,
                                                            3,
                                                            1,
                                                            1,
                                                            1,
                                                            true,
                                                            Activation.RELU))
                                            .activate(Activation.RELU)
                                            .then(
                                                    Convolution.conv(
                                                            block + ".conv2",
                                                            4,
                                                            3,
                                                            1,
                                                            1,
                                                            1,
                                                            true,
                                                            Activation.IDENTITY));
                                    if (gated) {
                                        f.then(Dense.scalar(block + ".alpha", Role.GATE));
                                    }
                                },
                                null)
                        .stream(block);
            }
            return b.then(Convolution.globalAvgPool())
                    .then(Dense.linear("head", outputs, Activation.IDENTITY))
                    .build();
        }

        @Override
        public Call toExpr() {
            return new Call("tiny", List.of(), Position.NONE);
        }
    }

    @BeforeAll
    static void engine() {
        Compute.start(new Compute.Threads(1, 1));
    }

    private static ParamContext context(Model m, String name) {
        return m.parameters().stream()
                .map(ModelParameter::context)
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void convolutionFansFollowPyTorchsReceptiveFieldRule() {
        Model m = new Tiny(false).build(InputShape.image(1, 8, 8), 3);
        ParamContext stem = context(m, "stem.weight");
        assertEquals(new Shape(4, 1, 3, 3), stem.shape());
        assertEquals(LayerKind.CONV, stem.layer());
        assertEquals(1 * 9, stem.fanIn());
        assertEquals(4 * 9, stem.fanOut());
        assertEquals(new Shape(3, 4), context(m, "head.weight").shape());
    }

    @Test
    void branchLayersKnowTheirBlockAndResidualPosition() {
        Model m = new Tiny(true).build(InputShape.image(1, 8, 8), 3);
        ParamContext c1 = context(m, "block2.conv1.weight");
        ParamContext c2 = context(m, "block2.conv2.weight");
        assertEquals("block2", c1.block());
        assertEquals(new ResidualPosition(2, 2, 1), c1.residual());
        assertEquals(new ResidualPosition(2, 2, 2), c2.residual());
        assertTrue(c2.residualOut());
        assertNull(context(m, "stem.weight").residual());
        assertEquals(6, context(m, "head.weight").totalDepth());
        assertEquals(6, context(m, "head.weight").depthIndex());
        ParamContext gate = context(m, "block1.alpha.gate");
        assertEquals(Role.GATE, gate.role());
        assertEquals(LayerKind.SCALAR, gate.layer());
        assertEquals("block1", gate.block());
        assertTrue(m.hasResidualBranches());
    }

    @Test
    void probesWatchEveryLayerAndTheStreamAfterEachBlock() {
        Model m = new Tiny(false).build(InputShape.image(1, 8, 8), 3);
        assertEquals(
                List.of(
                        "stem",
                        "block1.conv1",
                        "block1.conv2",
                        "block2.conv1",
                        "block2.conv2",
                        "head"),
                m.probes(ProbeKind.OUTPUT).stream().map(Probe::layer).toList());
        assertEquals(
                List.of("block1", "block2"),
                m.probes(ProbeKind.STREAM).stream().map(Probe::layer).toList());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            InitPlan.forWeights(Initializers.REGISTRY.parse("kaiming_normal")).apply(m, manager);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(5, 64));
            NDArray out;
            NDArray stream;
            NDArray stemOut;
            try (ProbeSession probes = ProbeSession.open(true)) {
                out = m.block().forward(store, new NDList(x), false).singletonOrThrow();
                stream = probes.get(m.probe("block2", ProbeKind.STREAM).orElseThrow());
                stemOut = probes.get(m.probe("stem", ProbeKind.OUTPUT).orElseThrow());
            }
            assertEquals(new Shape(5, 3), out.getShape());
            assertEquals(new Shape(5, 4, 8, 8), stream.getShape());
            assertTrue(stemOut.min().getFloat() < 0, "raw conv output, before the ReLU");
        }
    }

    @Test
    void outsideASessionProbesRecordNothing() {
        Model m = new Tiny(false).build(InputShape.image(1, 8, 8), 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            InitPlan.forWeights(Initializers.REGISTRY.parse("kaiming_normal")).apply(m, manager);
            ParameterStore store = new ParameterStore(manager, false);
            m.block().forward(store, new NDList(manager.randomNormal(new Shape(2, 64))), false);
            try (ProbeSession probes = ProbeSession.open(false)) {
                assertTrue(!probes.saw(m.probes().get(0)));
            }
        }
    }

    @Test
    void aKernelLargerThanItsInputIsRefusedNamingTheLayer() {
        ModelBuilder b =
                new ModelBuilder(new Tiny(false), InputShape.image(1, 4, 4))
                        .then(Convolution.images());
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                b.then(
                                        Convolution.conv(
                                                "conv1", 6, 5, 1, 0, 1, true, Activation.RELU)));
        assertTrue(e.getMessage().contains("layer conv1 (input 1×4×4)"), e.getMessage());
        assertTrue(
                e.getMessage().contains("kernel 5×5 is larger than its input 4×4"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 5×5"), e.getMessage());
    }

    @Test
    void anImageModelOnATableSaysWhatItNeeds() {
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> new Tiny(false).build(InputShape.flat(13), 3));
        assertTrue(e.getMessage().contains("needs images"), e.getMessage());
        assertTrue(e.getMessage().contains("13 features"), e.getMessage());
    }

    @Test
    void inputShapesAreRowsOrImages() {
        InputShape image = InputShape.image(1, 28, 28);
        assertEquals(784, image.features());
        assertTrue(image.isImage());
        assertEquals(new Shape(1, 784), image.batchOfOne());
        assertThrows(IllegalArgumentException.class, () -> new InputShape(784, 1, 28, 27));
        assertEquals("50 steps × 2 values", InputShape.sequence(50, 2).toString());
        assertEquals(2, InputShape.sequence(50, 2).perStep());
        assertEquals(100, InputShape.sequence(50, 2).features());
        assertEquals(64, InputShape.tokens(64, 96).features());
        assertThrows(IllegalArgumentException.class, () -> new InputShape(101, 0, 0, 0, 50, 0));
        assertThrows(IllegalArgumentException.class, () -> new InputShape(100, 0, 0, 0, 50, 9));
        assertThrows(IllegalArgumentException.class, () -> InputShape.sequence(0, 2));
    }
}
