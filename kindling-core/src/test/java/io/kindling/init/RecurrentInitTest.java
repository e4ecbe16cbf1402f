package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Models;
import io.kindling.nn.ParamContext;
import io.kindling.train.InitSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.Test;

/** Gate slices of recurrent parameters are addressable by the init plan, one rule each. */
class RecurrentInitTest {

    private static final InputShape SEQ = InputShape.sequence(20, 3);

    private static Model model(String expr) {
        return Models.REGISTRY.parse(expr).build(SEQ, 1);
    }

    private static List<InitPlan.Entry> init(Model m, NDManager manager, String... matchInit) {
        List<Map<String, String>> rules = new java.util.ArrayList<>();
        for (int i = 0; i < matchInit.length; i += 2) {
            rules.add(Map.of("match", matchInit[i], "init", matchInit[i + 1]));
        }
        Compute.start(Compute.Threads.defaults());
        Compute.seed(3);
        return InitSpec.parse(rules).plan().apply(m, manager);
    }

    private static ModelParameter param(Model m, String name) {
        return m.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static double[] values(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void recurrentOrthogonalMakesEachGateBlockOrthogonalButNotTheStack() {
        Model m = model("lstm(hidden=16, layers=2)");
        try (NDManager manager = NDManager.newBaseManager()) {
            init(m, manager, "recurrent", "orthogonal", "*", "zeros");
            for (String name : List.of("lstm.weight_hh_l0", "lstm.weight_hh_l1")) {
                ModelParameter p = param(m, name);
                assertEquals(4, p.slices().size());
                for (int g = 0; g < 4; g++) {
                    double[][] gram = InitTesting.gram(values(p.slice(g)), 16, 16);
                    assertTrue(
                            InitTesting.maxDeviationFromScaledIdentity(gram, 1) < 1e-5,
                            name
                                    + " gate "
                                    + p.slices().get(g).tag(io.kindling.nn.Recurrence.GATE));
                }
                // four independent draws, not one block repeated
                assertTrue(p.slice(0).sub(p.slice(1)).abs().max().getFloat() > 0.1);
            }
            // the input weights were not matched by "recurrent"
            assertEquals(0, param(m, "lstm.weight_ih_l0").array().abs().sum().getFloat());
        }
    }

    @Test
    void forgetBiasOneLandsInExactlyOneOfTheTwoBiasVectors() {
        Model m = model("lstm(hidden=8, layers=1)");
        try (NDManager manager = NDManager.newBaseManager()) {
            List<InitPlan.Entry> plan =
                    init(
                            m,
                            manager,
                            "bias & gate=forget",
                            "constant(value=1)",
                            "role=bias",
                            "zeros",
                            "role=recurrent_bias",
                            "zeros",
                            "*",
                            "xavier_uniform");
            float[] bih = param(m, "lstm.bias_ih_l0").array().toFloatArray();
            float[] bhh = param(m, "lstm.bias_hh_l0").array().toFloatArray();
            for (int i = 0; i < 32; i++) {
                assertEquals(i >= 8 && i < 16 ? 1f : 0f, bih[i], "bias_ih row " + i);
                assertEquals(0f, bhh[i], "bias_hh row " + i);
            }
            // kindling plan lists one row per gate slice
            List<String> rows = PlanRow.of(plan).stream().map(PlanRow::parameter).toList();
            assertTrue(rows.contains("lstm.bias_ih_l0[forget]"), rows.toString());
            assertTrue(rows.contains("lstm.weight_hh_l0[cell]"), rows.toString());
            assertEquals(4 * 4 + 2, rows.size(), rows.toString());
        }
    }

    @Test
    void aGateSelectorOnAModelWithoutThatGateIsRefusedListingTheGates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Model mlp = Models.REGISTRY.parse("mlp(depth=1, width=4)").build(20, 2);
            ConfigException e =
                    assertThrows(
                            ConfigException.class,
                            () -> init(mlp, manager, "bias & gate=forget", "ones", "*", "zeros"));
            assertTrue(e.getMessage().contains("input, forget, cell, output"), e.getMessage());
            Model gru = model("gru(hidden=4)");
            e =
                    assertThrows(
                            ConfigException.class,
                            () -> init(gru, manager, "bias & gate=forget", "ones", "*", "zeros"));
            assertTrue(e.getMessage().contains("reset, update, new"), e.getMessage());
        }
        ConfigException e =
                assertThrows(ConfigException.class, () -> Selector.parse("gate=forgot"));
        assertTrue(e.getMessage().contains("did you mean forget"), e.getMessage());
    }

    @Test
    void chronoForgetBiasIsLogUniformAndInputBiasItsNegation() {
        Model m = model("lstm(hidden=512, layers=1)");
        try (NDManager manager = NDManager.newBaseManager()) {
            init(
                    m,
                    manager,
                    "bias & layer=recurrent",
                    "chrono(t_max=50)",
                    "role=recurrent_bias",
                    "zeros",
                    "*",
                    "zeros");
            ModelParameter b = param(m, "lstm.bias_ih_l0");
            double[] input = values(b.slice(0));
            double[] forget = values(b.slice(1));
            double[] u = Arrays.stream(forget).map(Math::exp).toArray();
            SampleChecks.assertFollows(
                    "exp(b_f)", new UniformRealDistribution(1, 49), 48 / Math.sqrt(12), u);
            double logStd =
                    Math.sqrt(
                            Arrays.stream(forget).map(v -> v * v).sum() / 512
                                    - Math.pow(Arrays.stream(forget).average().orElseThrow(), 2));
            assertEquals(Chrono.logUniformStd(1, 49), logStd, 0.1 * logStd);
            for (int i = 0; i < 512; i++) {
                assertEquals(-forget[i], input[i], 0.0, "b_i = -b_f at " + i);
            }
            assertEquals(0, b.slice(2).abs().sum().getFloat());
            assertEquals(0, b.slice(3).abs().sum().getFloat());
        }
    }

    @Test
    void chronoOnAGruSetsTheUpdateGate() {
        Model m = model("gru(hidden=512, layers=1)");
        try (NDManager manager = NDManager.newBaseManager()) {
            init(m, manager, "bias & layer=recurrent", "chrono(t_max=20)", "*", "zeros");
            ModelParameter b = param(m, "gru.bias_ih_l0");
            double[] z = Arrays.stream(values(b.slice(1))).map(Math::exp).toArray();
            SampleChecks.assertFollows(
                    "exp(b_z)", new UniformRealDistribution(1, 19), 18 / Math.sqrt(12), z);
            assertEquals(0, b.slice(0).abs().sum().getFloat());
            assertEquals(0, b.slice(2).abs().sum().getFloat());
        }
        assertThrows(
                ConfigException.class,
                () -> {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        init(m, manager, "*", "chrono(t_max=20)");
                    }
                });
    }

    @Test
    void irnnIsIdentityRecurrenceZeroBiasAndSmallGaussianInputs() {
        Model m = model("rnn(hidden=64, layers=1, activation=relu)");
        try (NDManager manager = NDManager.newBaseManager()) {
            init(m, manager, "*", "irnn");
            double[][] w = InitTesting.gram(values(param(m, "rnn.weight_hh_l0").array()), 64, 64);
            assertEquals(0, InitTesting.maxDeviationFromScaledIdentity(w, 1), 0.0);
            float[] eye = param(m, "rnn.weight_hh_l0").array().toFloatArray();
            for (int i = 0; i < 64; i++) {
                for (int j = 0; j < 64; j++) {
                    assertEquals(i == j ? 1f : 0f, eye[i * 64 + j]);
                }
            }
            assertEquals(0, param(m, "rnn.bias_ih_l0").array().abs().sum().getFloat());
            assertEquals(0, param(m, "rnn.bias_hh_l0").array().abs().sum().getFloat());
            double[] wih = values(param(m, "rnn.weight_ih_l0").array());
            double[] head = values(param(m, "head.weight").array());
            double[] both = new double[wih.length + head.length];
            System.arraycopy(wih, 0, both, 0, wih.length);
            System.arraycopy(head, 0, both, wih.length, head.length);
            SampleChecks.assertFollows("irnn inputs", new NormalDistribution(0, 1e-3), 1e-3, both);
        }
    }

    @Test
    void torchDefaultIsUniformOverOneOverRootHidden() {
        Model m = model("lstm(hidden=64, layers=1)");
        try (NDManager manager = NDManager.newBaseManager()) {
            init(m, manager, "*", "torch_default");
            double bound = 1 / Math.sqrt(64);
            for (String name :
                    List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_hh_l0")) {
                SampleChecks.assertFollows(
                        name,
                        new UniformRealDistribution(-bound, bound),
                        bound / Math.sqrt(3),
                        values(param(m, name).array()));
            }
            ParamContext head = param(m, "head.weight").context();
            assertEquals(1 / Math.sqrt(64) / Math.sqrt(3), new TorchDefault().std(head), 1e-12);
        }
    }

    @Test
    void recurrentInitializersRoundTripThroughTheirText() {
        for (String e : List.of("chrono(t_max=100)", "irnn(std=0.001)", "torch_default")) {
            Initializer init = Initializers.REGISTRY.parse(e);
            assertEquals(e, init.print());
            assertEquals(init, Initializers.REGISTRY.parse(init.print()));
        }
        assertEquals("irnn(std=0.001)", Initializers.REGISTRY.parse("irnn").print());
        assertThrows(ConfigException.class, () -> Initializers.REGISTRY.parse("chrono"));
        assertThrows(ConfigException.class, () -> Initializers.REGISTRY.parse("chrono(t_max=2)"));
    }
}
