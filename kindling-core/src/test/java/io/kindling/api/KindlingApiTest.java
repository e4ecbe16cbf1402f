package io.kindling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.diagnose.Diagnosis;
import io.kindling.init.Initializer;
import io.kindling.init.PlanRow;
import io.kindling.nn.ParamContext;
import io.kindling.train.TrainResult;
import io.kindling.train.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API does what the commands do, in a few lines each. */
class KindlingApiTest {

    @TempDir Path tmp;

    private static final String DEEP =
            """
            model: mlp(depth=12, width=64)
            init: kaiming_normal(nonlinearity=relu)
            data: fashion-mnist(source=subset)
            steps: 20
            batch: 64
            threads: 1
            """;

    @Test
    void anExperimentFromTextPlansDiagnosesAndTrains() {
        TrainSpec spec = Kindling.experiment(DEEP).resolve();
        List<PlanRow> plan = Kindling.plan(spec);
        assertEquals(
                "kaiming_normal(a=0, mode=fan_in, nonlinearity=relu)", plan.get(0).initializer());
        assertEquals(Math.sqrt(2.0 / 784), plan.get(0).expectedStd(), 1e-12);
        Diagnosis d = Kindling.diagnose(spec);
        assertEquals("healthy", d.verdict().kind(), d.verdict().toString());
        TrainResult r = Kindling.train(spec, tmp.resolve("run"));
        assertEquals(20, r.steps());
        assertTrue(Files.exists(tmp.resolve("run/metrics.jsonl")));
        ConfigException bad =
                assertThrows(ConfigException.class, () -> Kindling.experiment("modle: mlp"));
        assertTrue(bad.getMessage().contains("modle"), bad.getMessage());
    }

    @Test
    void aPlanOfRulesBuiltInJavaIsAppliedFirstMatchWins() {
        TrainSpec spec =
                Kindling.experiment(
                                Map.of(
                                        "model",
                                        "mlp(depth=3, width=32)",
                                        "init",
                                        List.of(
                                                Kindling.rule("role=bias", "ones"),
                                                Kindling.rule("layer=linear & last", "zeros"),
                                                Kindling.rule("*", "orthogonal")),
                                        "data",
                                        "fashion-mnist(source=subset)"))
                        .resolve();
        List<PlanRow> rows = Kindling.plan(spec);
        assertEquals("ones", rows.get(1).initializer());
        assertEquals("orthogonal(gain=1)", rows.get(0).initializer());
        PlanRow last = rows.get(rows.size() - 2);
        assertEquals("zeros", last.initializer(), last.toString());
        assertEquals(0.0, last.sampledStd());
    }

    @Test
    void aComparisonIsReadBackAsJavaObjects() {
        ComparisonSummary s =
                Kindling.compare(
                        Kindling.experiment(
                                DEEP.replace("model: mlp(depth=12", "model: mlp(depth=20")),
                        List.of("kaiming_normal(nonlinearity=relu)", "normal(std=0.01)"),
                        1,
                        tmp.resolve("cmp"),
                        null);
        assertEquals(2, s.variants().size());
        assertEquals("healthy", s.variant("kaiming_normal(nonlinearity=relu)").verdict());
        assertEquals("vanishing", s.variant("normal(std=0.01)").verdict());
        assertEquals("test_accuracy", s.variants().get(0).scoreName());
        assertTrue(s.variants().get(0).score() > 0);
        assertEquals(s, ComparisonSummary.read(tmp.resolve("cmp/summary.json")));
        assertTrue(Files.exists(tmp.resolve("cmp/report.html")));
    }

    /** A user's initializer: N(0, (c/fan_in)), registered under a name of its own. */
    record ScaledNormal(double c) implements Initializer {
        @Override
        public NDArray sample(ParamContext context, NDManager manager) {
            return manager.randomNormal(
                    0f,
                    (float) std(context),
                    context.shape(),
                    ai.djl.ndarray.types.DataType.FLOAT32);
        }

        @Override
        public double std(ParamContext context) {
            return Math.sqrt(c / context.fanIn());
        }

        @Override
        public Call toExpr() {
            return CallBuilder.call("api_test_scaled_normal").arg("c", c).build();
        }
    }

    @Test
    void aRegisteredInitializerIsNamedInExpressionsLikeABuiltInOne() {
        Kindling.registerInitializer(
                "api_test_scaled_normal",
                "N(0, c/fan_in) (a test of the extension point)",
                a -> new ScaledNormal(a.number("c", 1.0)));
        TrainSpec spec =
                Kindling.experiment(
                                DEEP.replace(
                                        "kaiming_normal(nonlinearity=relu)",
                                        "api_test_scaled_normal(c=2)"))
                        .resolve();
        PlanRow first = Kindling.plan(spec).get(0);
        assertEquals("api_test_scaled_normal(c=2)", first.initializer());
        assertEquals(Math.sqrt(2.0 / 784), first.sampledStd(), 0.05 * Math.sqrt(2.0 / 784));
        assertThrows(
                IllegalArgumentException.class,
                () -> Kindling.registerInitializer("api_test_scaled_normal", "again", a -> null));
    }
}
