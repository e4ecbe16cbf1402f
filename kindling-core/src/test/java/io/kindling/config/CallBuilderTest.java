package io.kindling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CallBuilderTest {

    record Leaky(double slope) implements Expressible {
        @Override
        public Call toExpr() {
            return CallBuilder.call("leaky_relu").arg("slope", slope).build();
        }
    }

    record Mlp(
            int depth,
            Leaky activation,
            String norm,
            String dir,
            List<Integer> milestones,
            boolean bias)
            implements Expressible {
        @Override
        public Call toExpr() {
            return CallBuilder.call("mlp")
                    .arg("depth", depth)
                    .arg("activation", activation)
                    .arg("norm", norm)
                    .argQuoted("dir", dir)
                    .argNumbers("milestones", milestones)
                    .arg("bias", bias)
                    .build();
        }
    }

    static final Registry<Leaky> ACTIVATIONS =
            new Registry<Leaky>("activation")
                    .register("leaky_relu", "", a -> new Leaky(a.number("slope", 0.01)));

    static final Registry<Mlp> MODELS =
            new Registry<Mlp>("model")
                    .register(
                            "mlp",
                            "",
                            a ->
                                    new Mlp(
                                            a.integer("depth", 2),
                                            ACTIVATIONS.create(
                                                    a.expr(
                                                            "activation",
                                                            ExprParser.parse("leaky_relu"))),
                                            a.choice("norm", "none", "none", "batch"),
                                            a.string("dir", "."),
                                            a.numbers("milestones", List.of()).stream()
                                                    .map(Double::intValue)
                                                    .toList(),
                                            a.bool("bias", true)));

    @Test
    void a_built_call_prints_canonically() {
        Mlp m = new Mlp(3, new Leaky(0.1), "batch", "/data/it's here", List.of(10, 20), false);
        assertEquals(
                "mlp(depth=3, activation=leaky_relu(slope=0.1), norm=batch,"
                        + " dir='/data/it\\'s here', milestones=[10, 20], bias=false)",
                m.print());
    }

    @Test
    void parsing_the_print_of_an_expressible_builds_an_equal_object() {
        Mlp m = new Mlp(1, new Leaky(3e-4), "none", "a b", List.of(), true);
        assertEquals(m, MODELS.parse(m.print()));
        assertEquals(m.toExpr(), ExprParser.parse(m.print()));
    }

    @Test
    void a_word_that_cannot_be_bare_is_quoted() {
        assertEquals(
                "f(a=fan_in, b='two words', c='true')",
                CallBuilder.call("f")
                        .arg("a", "fan_in")
                        .arg("b", "two words")
                        .arg("c", "true")
                        .build()
                        .toString());
    }

    @Test
    void lists_of_expressibles_and_raw_expressions_can_be_added() {
        Call c =
                CallBuilder.call("chain")
                        .argList("links", List.of(new Leaky(0.1), new Leaky(0.2)))
                        .arg("raw", ExprParser.parse("[1, 'x']"))
                        .build();
        assertEquals(
                "chain(links=[leaky_relu(slope=0.1), leaky_relu(slope=0.2)], raw=[1, 'x'])",
                c.toString());
        assertEquals(Position.NONE, c.position());
    }

    @Test
    void a_repeated_key_or_an_unprintable_number_is_a_programming_error() {
        assertThrows(
                IllegalArgumentException.class,
                () -> CallBuilder.call("f").arg("a", 1).arg("a", 2).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> CallBuilder.call("f").arg("a", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CallBuilder.call("no name").build());
    }
}
