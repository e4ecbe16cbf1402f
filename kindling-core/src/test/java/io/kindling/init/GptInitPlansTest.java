package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.InputShape;
import io.kindling.nn.Model;
import io.kindling.nn.Models;
import io.kindling.nn.ParamContext;
import io.kindling.train.InitSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ready-made Transformer plans give every parameter of a gpt the std the papers' recipes give
 * it in PyTorch (fixture: tools/reference/gpt_init_reference.py), and their samples follow N(0,
 * std) (KS, p > 1e-4, seed 7).
 */
class GptInitPlansTest {

    private static JsonNode root() {
        try (InputStream in =
                GptInitPlansTest.class.getResourceAsStream("/reference/gpt_init.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> plans() {
        return InitPlans.names().stream();
    }

    private static Model model(String expr, int vocab) {
        return Models.REGISTRY.parse(expr).build(InputShape.tokens(16, vocab), vocab);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void everyRoleGetsTheStdOfThePapersRecipeAndSamplesFollowIt(String plan) {
        JsonNode root = root();
        JsonNode rows = root.get("plans").get(plan);
        assertTrue(rows != null, "no reference for plan " + plan);
        Model m = model(root.get("expr").asText(), root.get("vocab").asInt());
        Map<String, Double> want = new HashMap<>();
        rows.forEach(r -> want.put(r.get("name").asText(), r.get("std").asDouble()));
        List<InitPlan.Entry> entries = InitPlans.get(plan).resolve(m);
        assertEquals(want.size(), entries.size(), "parameters");
        Compute.start(Compute.Threads.defaults());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (InitPlan.Entry e : entries) {
                ParamContext c = e.parameter().context();
                Initializer init = e.rule().initializer();
                double std = want.get(c.name());
                assertEquals(std, init.std(c), 1e-9 * Math.max(std, 1e-3), plan + " " + c.name());
                if (std > 0) {
                    double[] x = SampleChecks.draw(init, c, manager);
                    SampleChecks.assertFollows(
                            plan + " " + c.name(), new NormalDistribution(0, std), std, x);
                }
            }
        }
    }

    @Test
    void aPlanForTransformersRefusesAModelWithoutItsProjections() {
        Model mlp = Models.REGISTRY.parse("mlp(depth=2, width=8)").build(4, 3);
        ConfigException e =
                assertThrows(ConfigException.class, () -> InitPlans.get("gpt2").resolve(mlp));
        assertTrue(
                e.getMessage().contains("gpt2") && e.getMessage().contains("attention_out"),
                e.getMessage());
    }

    @Test
    void aPlanNamedLikeAnInitializerKeepsTheInitializerOnOtherModels() {
        Model mlp = Models.REGISTRY.parse("mlp(depth=2, width=8)").build(4, 3);
        InitSpec spec = InitSpec.parse("mup");
        assertEquals("mup", spec.describe());
        List<InitPlan.Entry> entries = spec.plan().resolve(mlp);
        assertTrue(
                entries.stream()
                        .filter(x -> x.parameter().name().endsWith("weight"))
                        .allMatch(x -> x.rule().initializer() instanceof Mup),
                "an mlp under init: mup gets the mup initializer on its weights");
        Model gpt = model("gpt(layers=1, width=8, heads=2, context=16)", 5);
        InitPlan.Entry query =
                spec.plan().resolve(gpt).stream()
                        .filter(x -> x.parameter().name().equals("block1.attn.query.weight"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("projection=query", query.rule().selector().text());
    }

    @ParameterizedTest(name = "{0} survives print and parse")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"t_fixup", "t_fixup(n=12)", "small_init"})
    void newInitializersRoundTrip(String text) {
        Initializer init = Initializers.REGISTRY.parse(text);
        assertEquals(init, Initializers.REGISTRY.parse(init.print()));
    }

    @Test
    void unknownProjectionInASelectorIsNamed() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Selector.parse("projection=querry"));
        assertTrue(e.getMessage().contains("did you mean query"), e.getMessage());
    }
}
