package io.kindling.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every structured and depth-aware initializer prints to an expression that parses back equal. */
class StructuredRoundTripTest {

    static final List<String> NAMES =
            List.of(
                    "orthogonal",
                    "delta_orthogonal",
                    "sparse",
                    "identity",
                    "noisy",
                    "scaled_residual",
                    "fixup",
                    "deepnorm",
                    "mup");

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "orthogonal",
                "orthogonal(gain=2)",
                "orthogonal(gain=auto)",
                "delta_orthogonal",
                "delta_orthogonal(gain=auto)",
                "sparse(sparsity=0.9)",
                "sparse(sparsity=0.1, std=0.02)",
                "identity",
                "identity(scale=0.5)",
                "noisy(base=identity, std=0.01)",
                "noisy(base=orthogonal(gain=2), relative=0.1)",
                "noisy(base=auto, std=0.1)",
                "noisy(base=noisy(base=zeros, std=1), std=2)",
                "scaled_residual",
                "scaled_residual(base=xavier_normal, factor=4)",
                "scaled_residual(factor=auto)",
                "fixup",
                "fixup(base=kaiming_normal(nonlinearity=relu))",
                "fixup(base=auto)",
                "deepnorm",
                "deepnorm(arch=decoder, m=24)",
                "deepnorm(arch=encoder_decoder, n=6, m=12)",
                "deepnorm(n=auto)",
                "mup",
                "mup(base_width=256)",
                "mup(base=xavier_normal, base_width=auto)",
            })
    void parsePrintParseGivesAnEqualInitializer(String expr) {
        Initializer x = Initializers.REGISTRY.parse(expr);
        Initializer again = Initializers.REGISTRY.parse(x.print());
        assertEquals(x, again, expr + " printed as " + x.print());
        assertEquals(x.print(), again.print(), "the printed form is canonical");
    }

    @Test
    void everyNameIsRegisteredWithASummary() {
        for (String name : NAMES) {
            assertTrue(Initializers.REGISTRY.contains(name), name);
            assertFalse(Initializers.REGISTRY.summary(name).isBlank(), name);
        }
    }

    @Test
    void defaultsAreSpelledOut() {
        assertEquals("orthogonal(gain=1)", Initializers.REGISTRY.parse("orthogonal").print());
        assertEquals(
                "sparse(sparsity=0.9, std=0.01)",
                Initializers.REGISTRY.parse("sparse(sparsity=0.9)").print());
        assertEquals(
                "scaled_residual(base=normal(mean=0, std=0.02), factor=auto)",
                Initializers.REGISTRY.parse("scaled_residual").print());
        assertEquals("fixup(base=auto)", Initializers.REGISTRY.parse("fixup").print());
        assertEquals(
                "deepnorm(arch=encoder, n=auto)", Initializers.REGISTRY.parse("deepnorm").print());
        assertEquals("mup(base=auto, base_width=auto)", Initializers.REGISTRY.parse("mup").print());
    }
}
