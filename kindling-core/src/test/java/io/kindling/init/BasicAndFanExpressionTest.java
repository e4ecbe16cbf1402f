package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.nn.ParamContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The basic and fan-based initializers as expressions: every registered name round-trips through
 * {@code print}/{@code parse}, bad arguments are refused naming the value and what is accepted, and
 * the same seed gives the same tensor.
 */
class BasicAndFanExpressionTest {

    /** Every name BasicInitializers and FanInitializers register. */
    static final List<String> NAMES =
            List.of(
                    "zeros",
                    "ones",
                    "constant",
                    "normal",
                    "uniform",
                    "trunc_normal",
                    "eye",
                    "dirac",
                    "xavier_normal",
                    "glorot_normal",
                    "xavier_uniform",
                    "glorot_uniform",
                    "kaiming_normal",
                    "he_normal",
                    "kaiming_uniform",
                    "he_uniform",
                    "lecun_normal",
                    "lecun_uniform",
                    "variance_scaling");

    /** Expressions covering every name, defaults and explicit arguments. */
    static final String[] EXPRESSIONS = {
        "zeros",
        "ones",
        "constant(value=0.25)",
        "constant(value=-3)",
        "normal",
        "normal(mean=1, std=0.1)",
        "uniform",
        "uniform(a=-1, b=-0.5)",
        "trunc_normal",
        "trunc_normal(mean=0.1, std=0.02, a=-0.04, b=0.04)",
        "eye",
        "dirac",
        "dirac(groups=4)",
        "xavier_normal",
        "xavier_normal(gain=auto)",
        "glorot_normal",
        "glorot_normal(gain=2)",
        "xavier_uniform",
        "xavier_uniform(gain=auto)",
        "glorot_uniform",
        "glorot_uniform(gain=0.5)",
        "kaiming_normal",
        "kaiming_normal(nonlinearity=auto)",
        "kaiming_normal(a=0.2, mode=fan_out)",
        "he_normal",
        "kaiming_uniform",
        "kaiming_uniform(mode=fan_out, nonlinearity=auto)",
        "kaiming_uniform(a=2.23606797749979)",
        "he_uniform",
        "lecun_normal",
        "lecun_uniform",
        "variance_scaling",
        "variance_scaling(scale=2, mode=fan_avg, distribution=uniform)",
        "variance_scaling(distribution=untruncated_normal)",
    };

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

    @Test
    void theExpressionsCoverEveryRegisteredName() {
        Set<String> used = new TreeSet<>();
        for (String e : EXPRESSIONS) {
            used.add(e.contains("(") ? e.substring(0, e.indexOf('(')) : e);
        }
        assertEquals(new TreeSet<>(NAMES), used);
        assertTrue(Initializers.REGISTRY.names().containsAll(NAMES));
    }

    @ParameterizedTest(name = "{0} survives print and parse")
    @ValueSource(
            strings = {
                "zeros",
                "ones",
                "constant(value=0.25)",
                "constant(value=-3)",
                "normal",
                "normal(mean=1, std=0.1)",
                "uniform",
                "uniform(a=-1, b=-0.5)",
                "trunc_normal",
                "trunc_normal(mean=0.1, std=0.02, a=-0.04, b=0.04)",
                "eye",
                "dirac",
                "dirac(groups=4)",
                "xavier_normal",
                "xavier_normal(gain=auto)",
                "glorot_normal",
                "glorot_normal(gain=2)",
                "xavier_uniform",
                "xavier_uniform(gain=auto)",
                "glorot_uniform",
                "glorot_uniform(gain=0.5)",
                "kaiming_normal",
                "kaiming_normal(nonlinearity=auto)",
                "kaiming_normal(a=0.2, mode=fan_out)",
                "he_normal",
                "kaiming_uniform",
                "kaiming_uniform(mode=fan_out, nonlinearity=auto)",
                "kaiming_uniform(a=2.23606797749979)",
                "he_uniform",
                "lecun_normal",
                "lecun_uniform",
                "variance_scaling",
                "variance_scaling(scale=2, mode=fan_avg, distribution=uniform)",
                "variance_scaling(distribution=untruncated_normal)",
            })
    void survivesPrintAndParse(String expr) {
        assertTrue(Arrays.asList(EXPRESSIONS).contains(expr));
        Initializer x = Initializers.REGISTRY.parse(expr);
        String printed = x.print();
        assertEquals(x, Initializers.REGISTRY.parse(printed), printed);
        assertEquals(printed, Initializers.REGISTRY.parse(printed).print());
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "he_uniform; kaiming_uniform(a=0, mode=fan_in, nonlinearity=relu)",
                "glorot_uniform; xavier_uniform(gain=1)",
                "xavier_normal(gain=auto); xavier_normal(gain=auto)",
                "kaiming_uniform(nonlinearity=auto); kaiming_uniform(a=0, mode=fan_in, nonlinearity=auto)",
                "trunc_normal; trunc_normal(mean=0, std=1, a=-2, b=2)",
                "uniform; uniform(a=0, b=1)",
                "dirac; dirac(groups=1)",
                "eye; eye",
                "lecun_normal; lecun_normal",
                "lecun_uniform; lecun_uniform",
                "variance_scaling; variance_scaling(scale=1, mode=fan_in, distribution=truncated_normal)",
            })
    void printsItsCanonicalForm(String expr, String printed) {
        assertEquals(printed, Initializers.REGISTRY.parse(expr).print());
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "normal(std=-1)|std=-1|must be >= 0",
                "uniform(a=1, b=0.5)|b=0.5|must be greater than a=1",
                "uniform(a=2)|a=2|b must be greater than a=2 (needs a < b), got 1",
                "uniform(a=0.5, b=0.5)|b=0.5|a < b",
                "trunc_normal(std=0)|std=0|must be > 0",
                "trunc_normal(std=-0.1)|std=-0.1|must be > 0",
                "trunc_normal(a=1, b=-1)|b=-1|must be greater than a=1",
                "trunc_normal(a=20, b=21)|[20.0, 21.0]|too far in the tail",
                "xavier_uniform(gain=-1)|gain=-1|must be a number > 0 or auto",
                "xavier_normal(gain=relu)|gain=relu|must be a number > 0 or auto",
                "kaiming_uniform(nonlinearity=swish)|nonlinearity=swish|leaky_relu, selu, auto",
                "kaiming_normal(a=0.1, nonlinearity=auto)|a=0.1|must be 0 with nonlinearity=auto",
                "kaiming_uniform(mode=fan_avg)|mode=fan_avg|must be one of fan_in, fan_out",
                "kaiming_normal(a=-1)|a=-1|must be >= 0",
                "variance_scaling(scale=0)|scale=0|must be > 0",
                "variance_scaling(distribution=normal)|distribution=normal|truncated_normal, untruncated_normal, uniform",
                "variance_scaling(mode=avg)|mode=avg|fan_in, fan_out, fan_avg",
                "dirac(groups=0)|groups=0|must be an integer > 0",
                "dirac(groups=1.5)|groups=1.5|must be an integer",
                "lecun_normal(scale=2)|'scale'|lecun_normal takes no arguments",
                "he_uniform(mode=fan_out)|'mode'|he_uniform takes no arguments",
                "glorot_uniform(gian=2)|'gian'|did you mean gain?",
            })
    void badArgumentsAreRefusedNamingTheValue(String expr, String value, String accepted) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Initializers.REGISTRY.parse(expr));
        assertTrue(e.getMessage().contains(value), e.getMessage());
        assertTrue(e.getMessage().contains(accepted), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: same seed, same tensor; other seed, other tensor")
    @ValueSource(
            strings = {
                "normal",
                "uniform",
                "trunc_normal",
                "xavier_normal",
                "xavier_uniform(gain=auto)",
                "kaiming_normal",
                "kaiming_uniform",
                "he_uniform",
                "lecun_normal",
                "lecun_uniform",
                "variance_scaling(distribution=untruncated_normal)",
                "variance_scaling(mode=fan_avg, distribution=uniform)"
            })
    void sameSeedGivesTheSameTensor(String expr) {
        Initializer init = Initializers.REGISTRY.parse(expr);
        for (ParamContext ctx :
                List.of(
                        SampleChecks.weight("tanh", 20, 30),
                        SampleChecks.weight("tanh", 16, 8, 3, 3))) {
            Compute.seed(42);
            float[] a = init.sample(ctx, manager).toFloatArray();
            Compute.seed(42);
            float[] b = init.sample(ctx, manager).toFloatArray();
            Compute.seed(43);
            float[] c = init.sample(ctx, manager).toFloatArray();
            assertArrayEquals(a, b, expr);
            assertFalse(Arrays.equals(a, c), expr);
        }
    }

    @ParameterizedTest(name = "auto gain before {0} is {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "relu; 1.4142135623730951", "tanh; 1.6666666666666667", "sigmoid; 1",
                "selu; 0.75", "identity; 1", "gelu; 1.4142135623730951",
                "leaky_relu(slope=0.2); 1.3867504905630728",
            })
    void autoTakesTheGainOfTheFollowingActivation(String act, double gain) {
        ParamContext ctx = SampleChecks.weight(act, 60, 70);
        double xavier = Math.sqrt(2.0 / 130);
        assertEquals(
                gain * xavier,
                Initializers.REGISTRY.parse("xavier_normal(gain=auto)").std(ctx),
                1e-12);
        assertEquals(
                gain * xavier,
                Initializers.REGISTRY.parse("xavier_uniform(gain=auto)").std(ctx),
                1e-12);
        assertEquals(
                gain / Math.sqrt(70),
                Initializers.REGISTRY.parse("kaiming_normal(nonlinearity=auto)").std(ctx),
                1e-12);
        assertEquals(
                gain / Math.sqrt(60),
                Initializers.REGISTRY
                        .parse("kaiming_uniform(mode=fan_out, nonlinearity=auto)")
                        .std(ctx),
                1e-12);
    }
}
