package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.Models;
import io.kindling.nn.ParamContext;
import io.kindling.report.PlanTable;
import io.kindling.train.Experiment;
import io.kindling.train.InitSpec;
import io.kindling.train.Trainer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitPlanTest {

    static Model mlp(String expr) {
        return Models.REGISTRY.parse(expr).build(784, 10);
    }

    static ParamContext ctx(Model m, String name) {
        return m.parameters().stream()
                .map(p -> p.context())
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void firstMatchingRuleWins() {
        InitSpec spec =
                InitSpec.parse(
                        List.of(
                                Map.of("match", "role=bias", "init", "zeros"),
                                Map.of("match", "layer=linear & last", "init", "xavier_normal"),
                                Map.of("match", "*", "init", "kaiming_normal(nonlinearity=relu)")));
        Model m = mlp("mlp(depth=3, width=16)");
        var entries = spec.plan().resolve(m);
        assertEquals(8, entries.size());
        assertEquals("zeros", entries.get(1).rule().initializer().print());
        assertTrue(entries.get(0).rule().initializer().print().startsWith("kaiming_normal"));
        assertEquals("layer=linear & last", entries.get(6).rule().selector().text());
    }

    @Test
    void selectorsCoverDepthRangesNegationAndNames() {
        Model m = mlp("mlp(depth=5, width=8)");
        assertTrue(Selector.parse("depth=2..4").matches(ctx(m, "layer3.weight")));
        assertFalse(Selector.parse("depth=2..4").matches(ctx(m, "layer5.weight")));
        assertTrue(Selector.parse("depth=5..").matches(ctx(m, "layer6.bias")));
        assertTrue(Selector.parse("depth=..1 & first").matches(ctx(m, "layer1.weight")));
        assertTrue(Selector.parse("role=weight & !first").matches(ctx(m, "layer2.weight")));
        assertFalse(Selector.parse("role=weight & !first").matches(ctx(m, "layer1.weight")));
        assertTrue(Selector.parse("name=layer6.*").matches(ctx(m, "layer6.weight")));
        assertFalse(Selector.parse("residual_out").matches(ctx(m, "layer2.weight")));
        assertEquals(Selector.parse("role = bias&last"), Selector.parse("role=bias & last"));
    }

    static Model resnet(String expr) {
        return Models.REGISTRY.parse(expr).build(InputShape.image(1, 28, 28), 10);
    }

    @Test
    void bareLayerKindsBlockGlobsAndStagesSelectResnetParameters() {
        Model m = resnet("resnet(blocks=4, width=4, residual=fixup, stages=2)");
        assertTrue(Selector.parse("conv & first").matches(ctx(m, "stem.weight")));
        assertFalse(Selector.parse("conv & first").matches(ctx(m, "stage1.block1.conv1.weight")));
        assertTrue(Selector.parse("linear").matches(ctx(m, "head.weight")));
        assertEquals(Selector.parse("layer=conv"), Selector.parse("layer = conv"));
        assertTrue(Selector.parse("conv").matches(ctx(m, "stage2.block1.shortcut.weight")));
        assertTrue(
                Selector.parse("scalar & role=scale").matches(ctx(m, "stage1.block2.scale.scale")));
        assertTrue(
                Selector.parse("scalar & !role=bias").matches(ctx(m, "stage2.block2.scale.scale")));
        assertTrue(
                Selector.parse("block=stage2.*").matches(ctx(m, "stage2.block1.shortcut.weight")));
        assertFalse(Selector.parse("block=stage2.*").matches(ctx(m, "stage1.block2.conv1.weight")));
        assertTrue(
                Selector.parse("block=stage?.block1 & residual_out")
                        .matches(ctx(m, "stage1.block1.conv2.weight")));
        assertTrue(Selector.parse("stage=2 & conv").matches(ctx(m, "stage2.block2.conv1.weight")));
        assertFalse(Selector.parse("stage=1").matches(ctx(m, "stem.weight")));
        assertTrue(Selector.parse("stage=0").matches(ctx(m, "head.weight")));
        assertFalse(Selector.parse("norm").matches(ctx(m, "stem.weight")));
        Model bn = resnet("resnet(blocks=1, width=4, residual=rezero, stages=1)");
        assertTrue(Selector.parse("norm & role=gain").matches(ctx(bn, "stem.batch_norm.gain")));
        assertTrue(Selector.parse("role=gate").matches(ctx(bn, "stage1.block1.gate.gate")));
    }

    @Test
    void theIssueExamplesResolveOnAResnet() {
        InitSpec spec =
                InitSpec.parse(
                        List.of(
                                Map.of("match", "conv & first", "init", "kaiming_normal"),
                                Map.of("match", "residual_out", "init", "zeros"),
                                Map.of("match", "role=gate", "init", "zeros"),
                                Map.of("match", "*", "init", "he_normal")));
        Model m = resnet("resnet(blocks=3, width=4, norm=none, residual=skipinit)");
        Map<String, String> by = new HashMap<>();
        spec.plan()
                .resolve(m)
                .forEach(e -> by.put(e.parameter().name(), e.rule().selector().text()));
        assertEquals("conv & first", by.get("stem.weight"));
        assertEquals("residual_out", by.get("stage1.block1.conv2.weight"));
        assertEquals("residual_out", by.get("stage3.block1.conv2.bias"));
        assertEquals("role=gate", by.get("stage2.block1.gate.gate"));
        assertEquals("*", by.get("stage2.block1.conv1.weight"));
        assertEquals("*", by.get("stage2.block1.shortcut.weight"));
    }

    @Test
    void initForWeightsZeroesGatesAndSetsScalesToOne() {
        var rules = InitPlan.forWeights(Initializers.REGISTRY.parse("he_normal")).describe();
        assertTrue(rules.contains(Map.of("match", "role=gate", "init", "zeros")), rules.toString());
        assertTrue(rules.contains(Map.of("match", "role=scale", "init", "ones")), rules.toString());
        assertEquals("*", rules.get(rules.size() - 1).get("match"));
    }

    @Test
    void badSelectorsNameTheTermAndWhatIsAccepted() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Selector.parse("role=weight & deep"));
        assertTrue(
                e.getMessage().contains("'deep'") && e.getMessage().contains("residual_out"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> Selector.parse("role=bais"));
        assertTrue(e.getMessage().contains("bais") && e.getMessage().contains("bias"));
        e = assertThrows(ConfigException.class, () -> Selector.parse("depth=a..b"));
        assertTrue(e.getMessage().contains("depth=2..5"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Selector.parse("convs & first"));
        assertTrue(
                e.getMessage().contains("did you mean conv")
                        && e.getMessage().contains("block=glob")
                        && e.getMessage().contains("stage=N"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> Selector.parse("stage=two"));
        assertTrue(e.getMessage().contains("stage=N"), e.getMessage());
    }

    @Test
    void aParameterNoRuleMatchesIsAnErrorNamingIt() {
        InitSpec spec = InitSpec.parse(List.of(Map.of("match", "role=weight", "init", "zeros")));
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> spec.plan().resolve(mlp("mlp(depth=1, width=4)")));
        assertTrue(e.getMessage().contains("layer1.bias"), e.getMessage());
    }

    @Test
    void planTableShowsExpectedAndSampledStdForA30LayerMlp() {
        var spec =
                new Experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=30, width=256)",
                                        "init",
                                        "kaiming_normal(nonlinearity=relu)",
                                        "data",
                                        "fashion-mnist(source=subset)",
                                        "steps",
                                        1,
                                        "threads",
                                        1))
                        .resolve();
        try (Trainer t = new Trainer(spec)) {
            List<PlanRow> rows = PlanRow.of(t.prepared().plan());
            assertEquals(62, rows.size());
            PlanRow first = rows.get(0);
            assertEquals("256x784", first.shape());
            assertEquals(784, first.fanIn());
            assertEquals(Math.sqrt(2.0 / 784), first.expectedStd(), 1e-12);
            for (PlanRow r : rows) {
                if (r.expectedStd() > 0) {
                    assertEquals(
                            r.expectedStd(), r.sampledStd(), 0.05 * r.expectedStd(), r.parameter());
                } else {
                    assertEquals(0, r.sampledStd(), r.parameter());
                }
            }
            List<String> table = PlanTable.render(rows);
            assertEquals(63, table.size());
            assertTrue(
                    table.get(0).startsWith("parameter") && table.get(0).contains("sampled_std"));
            assertTrue(
                    table.get(1).contains("layer1.weight") && table.get(1).contains("0.05051"),
                    table.get(1));
        }
    }
}
