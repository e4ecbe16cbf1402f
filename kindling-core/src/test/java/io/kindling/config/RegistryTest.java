package io.kindling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RegistryTest {

    record Sgd(double lr, double momentum) {}

    record Init(String name, String mode, double gain) {}

    record Model(int depth, List<Double> milestones, boolean bias, String tag, Init init) {}

    static final Registry<Init> INITS =
            new Registry<Init>("initializer")
                    .register(
                            "he_normal",
                            "kaiming with relu",
                            a -> new Init("he_normal", "fan_in", 1))
                    .register(
                            "kaiming_normal",
                            "N(0, gain²/fan)",
                            a ->
                                    new Init(
                                            "kaiming_normal",
                                            a.choice("mode", "fan_in", "fan_in", "fan_out"),
                                            a.positive("gain", 1)))
                    .register(
                            "orthogonal",
                            "orthogonal matrix",
                            a -> new Init("orthogonal", "", a.inRange("gain", 1, 0, 10)))
                    .alias("kaiming", "kaiming_normal");

    static final Registry<Sgd> OPTIMIZERS =
            new Registry<Sgd>("optimizer")
                    .register(
                            "sgd",
                            "stochastic gradient descent",
                            a -> new Sgd(a.number("lr"), a.nonNegative("momentum", 0)));

    static final Registry<Model> MODELS =
            new Registry<Model>("model")
                    .register(
                            "mlp",
                            "perceptron",
                            a ->
                                    new Model(
                                            a.integer("depth", 2),
                                            a.numbers("milestones", List.of()),
                                            a.bool("bias", true),
                                            a.string("tag", "none"),
                                            INITS.create(
                                                    a.expr("init", ExprParser.parse("he_normal")))))
                    .register(
                            "strict",
                            "rejects its own values",
                            a -> {
                                int width = a.positiveInt("width", 8);
                                if (width % 2 == 1) {
                                    throw a.error("width", "must be even");
                                }
                                return new Model(width, List.of(), true, "", null);
                            })
                    .register(
                            "guarded",
                            "constructor throws",
                            a -> {
                                double p = a.number("p", 0);
                                if (p >= 1) {
                                    throw new IllegalArgumentException("p must be < 1");
                                }
                                return new Model(0, List.of(), true, "", null);
                            })
                    .register(
                            "checked",
                            "constructor names the argument it refuses",
                            a -> {
                                double q = a.number("q", -1);
                                if (!(q > 0)) {
                                    throw new ArgumentException(
                                            "checked", "q", "must be > 0", Double.toString(q));
                                }
                                return new Model(0, List.of(), true, "", null);
                            });

    @Test
    void a_factory_reads_its_arguments_and_defaults() {
        assertEquals(new Sgd(0.05, 0.9), OPTIMIZERS.parse("sgd(lr=0.05, momentum=0.9)"));
        assertEquals(new Sgd(0.1, 0), OPTIMIZERS.parse("sgd(lr=1e-1)"));
        Model m =
                MODELS.parse(
                        "mlp(depth=3, milestones=[10, 20.5], bias=false, tag='x y',"
                                + " init=kaiming_normal(mode=fan_out, gain=2))");
        assertEquals(
                new Model(
                        3,
                        List.of(10.0, 20.5),
                        false,
                        "x y",
                        new Init("kaiming_normal", "fan_out", 2)),
                m);
        assertEquals(
                new Model(2, List.of(), true, "none", new Init("he_normal", "fan_in", 1)),
                MODELS.parse("mlp"));
        assertEquals(List.of(5.0), MODELS.parse("mlp(milestones=5)").milestones());
        assertEquals("fan_out", INITS.parse("kaiming_normal(mode='fan_out')").mode());
    }

    @Test
    void an_unknown_name_suggests_the_closest_and_lists_all_known_names() {
        ConfigException e = assertThrows(ConfigException.class, () -> INITS.parse("he_nromal"));
        assertEquals(
                "Unknown initializer 'he_nromal' at 1:1; did you mean he_normal?"
                        + " Known: he_normal, kaiming, kaiming_normal, orthogonal",
                e.getMessage());
        assertEquals(new Position(1, 1), e.position());

        ConfigException far = assertThrows(ConfigException.class, () -> INITS.parse("zzz"));
        assertEquals(
                "Unknown initializer 'zzz' at 1:1; known: he_normal, kaiming,"
                        + " kaiming_normal, orthogonal",
                far.getMessage());
    }

    @Test
    void an_unknown_nested_name_points_at_the_nested_call() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> MODELS.parse("mlp(depth=1, init=orthogonl(gain=1))"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "Unknown initializer 'orthogonl' at 1:19;"
                                        + " did you mean orthogonal?"),
                e.getMessage());
    }

    @Test
    void an_unknown_argument_suggests_the_closest_key_and_lists_the_accepted_ones() {
        ConfigException e =
                assertThrows(
                        ConfigException.class, () -> OPTIMIZERS.parse("sgd(lr=0.1, momentun=0.9)"));
        assertEquals(
                "Unknown argument 'momentun' for optimizer sgd at 1:13; did you mean"
                        + " momentum? Accepted: lr, momentum",
                e.getMessage());

        ConfigException none =
                assertThrows(ConfigException.class, () -> OPTIMIZERS.parse("sgd(lr=0.1, x=1)"));
        assertEquals(
                "Unknown argument 'x' for optimizer sgd at 1:13; accepted: lr, momentum",
                none.getMessage());

        ConfigException noArgs =
                assertThrows(ConfigException.class, () -> INITS.parse("he_normal(gain=2)"));
        assertEquals(
                "Unknown argument 'gain' for initializer he_normal at 1:11; he_normal takes"
                        + " no arguments",
                noArgs.getMessage());
    }

    @Test
    void a_missing_required_argument_is_named_and_a_near_miss_is_pointed_out() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> OPTIMIZERS.parse("sgd(momentum=0.9)"));
        assertEquals("Missing argument 'lr' for optimizer sgd at 1:1", e.getMessage());

        ConfigException typo =
                assertThrows(ConfigException.class, () -> OPTIMIZERS.parse("sgd(lrr=0.1)"));
        assertEquals(
                "Missing argument 'lr' for optimizer sgd at 1:1; 'lrr' at 1:5 looks like a"
                        + " misspelling of it",
                typo.getMessage());
    }

    @Test
    void type_errors_name_key_value_kind_name_position_and_expected_type() {
        assertMessage(
                OPTIMIZERS,
                "sgd(lr='abc')",
                "Argument lr='abc' of optimizer sgd at 1:5 must be a number");
        assertMessage(
                OPTIMIZERS,
                "sgd(lr=[1])",
                "Argument lr=[1] of optimizer sgd at 1:5 must be a number");
        assertMessage(
                MODELS,
                "mlp(depth=2.5)",
                "Argument depth=2.5 of model mlp at 1:5 must be an integer");
        assertMessage(
                MODELS,
                "mlp(depth=3e10)",
                "Argument depth=3e10 of model mlp at 1:5 must be an integer");
        assertMessage(
                MODELS, "mlp(bias=1)", "Argument bias=1 of model mlp at 1:5 must be true or false");
        assertMessage(
                MODELS,
                "mlp(tag=f(x=1))",
                "Argument tag=f(x=1) of model mlp at 1:5 must be a name or a 'quoted string'");
        assertMessage(
                MODELS,
                "mlp(milestones=[1, 'a'])",
                "Argument milestones=[1, 'a'] of model mlp at 1:5 must be a number or a list of"
                        + " numbers like [1, 2]");
        assertEquals(2, MODELS.parse("mlp(depth=2.0)").depth(), "integral decimals are integers");
    }

    @Test
    void range_checks_report_the_bound() {
        assertMessage(
                OPTIMIZERS,
                "sgd(lr=1, momentum=-0.5)",
                "Argument momentum=-0.5 of optimizer sgd at 1:11 must be >= 0");
        assertMessage(
                INITS,
                "kaiming_normal(gain=0)",
                "Argument gain=0 of initializer kaiming_normal at 1:16 must be > 0");
        assertMessage(
                INITS,
                "orthogonal(gain=12.5)",
                "Argument gain=12.5 of initializer orthogonal at 1:12 must be in the range [0, 10]");
        assertMessage(
                MODELS,
                "strict(width=0)",
                "Argument width=0 of model strict at 1:8 must be an integer > 0");
        assertMessage(
                MODELS, "strict(width=3)", "Argument width=3 of model strict at 1:8 must be even");
    }

    @Test
    void a_choice_error_lists_the_allowed_values() {
        assertMessage(
                INITS,
                "kaiming_normal(mode='fan_put')",
                "Argument mode='fan_put' of initializer kaiming_normal at 1:16 must be one of"
                        + " fan_in, fan_out; did you mean fan_out or fan_in?");
        assertMessage(
                INITS,
                "kaiming_normal(mode=sideways)",
                "Argument mode=sideways of initializer kaiming_normal at 1:16 must be one of"
                        + " fan_in, fan_out");
        assertMessage(
                INITS,
                "kaiming_normal(mode=1)",
                "Argument mode=1 of initializer kaiming_normal at 1:16 must be one of"
                        + " fan_in, fan_out");
    }

    @Test
    void a_constructor_rejection_becomes_a_config_error_at_the_call() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> MODELS.parse("x(y=guarded(p=2))".substring(4, 16)));
        assertEquals("Invalid model guarded(p=2) at 1:1: p must be < 1", e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void a_constructor_refusing_one_argument_points_at_it_as_written() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> MODELS.parse("checked(q=-2)"));
        assertEquals("Argument q=-2 of model checked at 1:9 must be > 0", e.getMessage());
        assertEquals(9, e.position().column());
        assertInstanceOf(ArgumentException.class, e.getCause());
        // the value came from the default, so there is no argument to point at: the call's message
        assertMessage(
                MODELS, "checked", "Invalid model checked at 1:1: checked q must be > 0, got -1.0");
    }

    @Test
    void an_alias_builds_the_same_thing_and_is_listed() {
        assertEquals(
                INITS.parse("kaiming_normal(mode=fan_out)"), INITS.parse("kaiming(mode=fan_out)"));
        assertTrue(INITS.names().contains("kaiming"));
        assertEquals("alias of kaiming_normal: N(0, gain²/fan)", INITS.summary("kaiming"));
        assertEquals("kaiming with relu", INITS.summary("he_normal"));
        // Errors speak the name the user wrote.
        assertMessage(
                INITS,
                "kaiming(mode=up)",
                "Argument mode=up of initializer kaiming at 1:9 must be one of fan_in, fan_out");
        Registry<Init> chained =
                new Registry<Init>("initializer")
                        .register("a", "first", x -> new Init("a", "", 1))
                        .alias("b", "a")
                        .alias("c", "b");
        assertEquals("a", chained.parse("c").name());
        assertEquals("alias of a: first", chained.summary("c"));
    }

    @Test
    void duplicate_or_invalid_registrations_are_refused() {
        Registry<Init> r = new Registry<Init>("initializer").register("a", "", x -> null);
        IllegalArgumentException dup =
                assertThrows(IllegalArgumentException.class, () -> r.register("a", "", x -> null));
        assertEquals("initializer 'a' is already registered", dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.alias("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> r.alias("b", "missing"));
        assertThrows(IllegalArgumentException.class, () -> r.register("has space", "", x -> null));
        assertThrows(IllegalArgumentException.class, () -> r.register("true", "", x -> null));
    }

    @Test
    void only_calls_can_be_created() {
        assertMessage(
                OPTIMIZERS,
                "'sgd'",
                "Expected an optimizer expression like name(key=value) at 1:1, got 'sgd'");
        assertMessage(
                MODELS,
                "mlp(init=[he_normal])",
                "Expected an initializer expression like name(key=value) at 1:10, got [he_normal]");
        assertMessage(
                MODELS,
                "[mlp]",
                "Expected a model expression like name(key=value) at 1:1, got [mlp]");
    }

    @Test
    void names_are_sorted_and_include_aliases() {
        assertEquals(
                List.of("he_normal", "kaiming", "kaiming_normal", "orthogonal"),
                List.copyOf(INITS.names()));
        assertEquals("initializer", INITS.kind());
        assertThrows(ConfigException.class, () -> INITS.summary("nope"));
    }

    @Test
    void args_record_every_key_the_factory_asked_for_even_when_absent() {
        Args a = new Args("optimizer", (Call) ExprParser.parse("sgd(lr=1)"));
        a.number("lr");
        a.number("momentum", 0);
        a.has("nesterov");
        assertEquals(List.of("lr", "momentum", "nesterov"), List.copyOf(a.requestedKeys()));
        a.checkAllUsed();
        assertEquals("sgd", a.name());
        assertEquals(new Position(1, 1), a.position());
    }

    @Test
    void an_error_for_an_absent_key_names_the_call() {
        Args a = new Args("optimizer", (Call) ExprParser.parse("sgd(lr=1)"));
        assertEquals(
                "Argument nesterov of optimizer sgd at 1:1 requires momentum > 0",
                a.error("nesterov", "requires momentum > 0").getMessage());
    }

    private static void assertMessage(Registry<?> registry, String text, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> registry.parse(text));
        assertEquals(expected, e.getMessage());
    }
}
