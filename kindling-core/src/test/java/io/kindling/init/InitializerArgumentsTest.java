package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kindling.config.ArgumentException;
import io.kindling.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every argument rule of an initializer lives in its record: built from Java, a bad value is
 * refused with the record's message ({@code <initializer> <key> must be <accepted>, got <value>});
 * written in an expression, the registry only parses and the same rule points at the argument as
 * written ({@code Argument <key>=<value> of initializer <name> at <position> must be <accepted>}).
 */
class InitializerArgumentsTest {

    /** An expression and the record built from Java with the same bad value. */
    private record Case(String expr, Supplier<Initializer> java, String message) {}

    private static final List<Case> CASES =
            List.of(
                    new Case(
                            "normal(std=-1)",
                            () -> new Normal(0, -1),
                            "normal std must be >= 0, got -1"),
                    new Case(
                            "trunc_normal(std=0)",
                            () -> new TruncatedNormal(0, 0, -2, 2),
                            "trunc_normal std must be > 0, got 0"),
                    new Case(
                            "uniform(a=1, b=0.5)",
                            () -> new Uniform(1, 0.5),
                            "uniform b must be greater than a=1 (needs a < b), got 0.5"),
                    new Case(
                            "dirac(groups=0)",
                            () -> new Dirac(0),
                            "dirac groups must be an integer > 0, got 0"),
                    new Case(
                            "xavier_normal(gain=-1)",
                            () -> new XavierNormal(-1),
                            "gain must be a number > 0 or auto, got -1"),
                    new Case(
                            "kaiming_normal(a=-1)",
                            () -> new KaimingNormal(-1, FanMode.FAN_IN, "leaky_relu"),
                            "kaiming_normal a must be >= 0 (the negative slope of a leaky_relu),"
                                    + " got -1"),
                    new Case(
                            "kaiming_uniform(a=0.1, nonlinearity=auto)",
                            () -> new KaimingUniform(0.1, FanMode.FAN_IN, "auto"),
                            "kaiming_uniform a must be 0 with nonlinearity=auto, which takes the"
                                    + " slope from the following activation, got 0.1"),
                    new Case(
                            "lecun98_uniform(a=0)",
                            () -> new Lecun98Uniform(0),
                            "lecun98_uniform a must be > 0, got 0"),
                    new Case(
                            "variance_scaling(scale=-2)",
                            () ->
                                    new VarianceScaling(
                                            -2,
                                            FanMode.FAN_IN,
                                            VarianceScaling.Distribution.UNIFORM),
                            "variance_scaling scale must be > 0 and finite, got -2"),
                    new Case(
                            "sparse(sparsity=1.5)",
                            () -> new Sparse(1.5, 0.01),
                            "sparse sparsity must be in [0, 1], got 1.5"),
                    new Case(
                            "irnn(std=-0.5)",
                            () -> new Irnn(-0.5),
                            "irnn std must be >= 0, got -0.5"),
                    new Case(
                            "chrono(t_max=2)",
                            () -> new Chrono(2),
                            "chrono t_max must be > 2 (u ~ U(1, t_max − 1)), got 2"),
                    new Case(
                            "noisy(base=zeros, relative=-0.5)",
                            () -> new Noisy(new Constant(0), -0.5, true),
                            "noisy relative must be >= 0 and finite, got -0.5"),
                    new Case(
                            "scaled_residual(factor=0)",
                            () -> new ScaledResidual(new Normal(0, 0.02), OptionalDouble.of(0)),
                            "scaled_residual factor must be > 0 or auto, got 0"),
                    new Case(
                            "mup(base_width=-3)",
                            () -> new Mup(new HeForActivation(), OptionalDouble.of(-3)),
                            "mup base_width must be > 0 or auto, got -3"),
                    new Case(
                            "t_fixup(n=0)",
                            () -> new TFixup(OptionalInt.of(0)),
                            "t_fixup n must be an integer > 0 or auto, got 0"),
                    new Case(
                            "deepnorm(arch=encoder, m=6)",
                            () ->
                                    new DeepNorm(
                                            DeepNorm.Arch.ENCODER,
                                            OptionalInt.empty(),
                                            OptionalInt.of(6)),
                            "deepnorm m is for arch=decoder or encoder_decoder; arch=encoder"
                                    + " takes n (encoder layers), got 6"),
                    new Case(
                            "deepnorm(n=0)",
                            () ->
                                    new DeepNorm(
                                            DeepNorm.Arch.ENCODER,
                                            OptionalInt.of(0),
                                            OptionalInt.empty()),
                            "deepnorm n must be an integer > 0 or auto, got 0"),
                    new Case(
                            "lsuv(max_iter=0)",
                            () -> new Lsuv(new Orthogonal(GainArg.of(1)), 0.1, 0),
                            "lsuv max_iter must be an integer > 0, got 0"));

    @Test
    void fromJavaTheRecordNamesTheArgumentTheValueAndWhatIsAccepted() {
        for (Case c : CASES) {
            ArgumentException e = assertThrows(ArgumentException.class, c.java()::get, c.expr());
            assertEquals(c.message(), e.getMessage(), c.expr());
        }
    }

    @Test
    void fromAnExpressionTheSameRulePointsAtTheArgumentAsWritten() {
        for (Case c : CASES) {
            ConfigException e =
                    assertThrows(
                            ConfigException.class,
                            () -> Initializers.REGISTRY.parse(c.expr()),
                            c.expr());
            ArgumentException rule = (ArgumentException) e.getCause();
            String from = c.expr().substring(c.expr().indexOf(rule.key() + "="));
            String written = from.substring(0, from.replace(')', ',').indexOf(','));
            assertEquals(
                    "Argument "
                            + written
                            + " of initializer "
                            + c.expr().substring(0, c.expr().indexOf('('))
                            + " at 1:"
                            + (c.expr().indexOf(written) + 1)
                            + " "
                            + rule.problem(),
                    e.getMessage());
            assertEquals(c.message(), rule.getMessage(), c.expr());
        }
    }

    @Test
    void aRuleBetweenArgumentsNamesBothValuesWhenTheOneItBlamesWasNotWritten() {
        Map<String, String> messages =
                Map.of(
                        "uniform(a=2)",
                        "Invalid initializer uniform(a=2) at 1:1: uniform b must be greater than"
                                + " a=2 (needs a < b), got 1",
                        "deepnorm(arch=encoder_decoder, n=6)",
                        "Invalid initializer deepnorm(arch=encoder_decoder, n=6) at 1:1: deepnorm m"
                                + " must be an integer with arch=encoder_decoder (n encoder layers, m"
                                + " decoder layers, e.g. n=6, m=6): a parameter sees only its own"
                                + " stack, got auto");
        messages.forEach(
                (expr, message) ->
                        assertEquals(
                                message,
                                assertThrows(
                                                ConfigException.class,
                                                () -> Initializers.REGISTRY.parse(expr))
                                        .getMessage()));
    }
}
