package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, torch defaults, print/parse round trips and argument errors of the adaptive family. */
class AdaptiveRegistryTest {

    static final List<String> NAMES =
            List.of(
                    "adam",
                    "adamw",
                    "rmsprop",
                    "adagrad",
                    "adadelta",
                    "adamax",
                    "nadam",
                    "radam",
                    "scale_by_adam",
                    "scale_by_rms",
                    "scale_by_adagrad",
                    "scale_by_adadelta",
                    "scale_by_adamax",
                    "scale_by_nadam",
                    "scale_by_radam");

    @Test
    void everyNameIsRegisteredWithASummary() {
        for (String name : NAMES) {
            assertTrue(Optimizers.REGISTRY.contains(name), name);
            assertTrue(!Optimizers.REGISTRY.summary(name).isBlank(), name);
        }
    }

    @Test
    void everyNameRoundTripsWithDefaults() {
        for (String name : NAMES) {
            GradientTransform x = Optimizers.REGISTRY.parse(name);
            GradientTransform again = Optimizers.REGISTRY.parse(x.print());
            assertEquals(x, again, name + " printed as " + x.print());
            assertEquals(x.print(), again.print());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "adam(lr=3e-4, beta1=0.85, beta2=0.95, eps=1e-7, weight_decay=1e-5, amsgrad=true)",
                "adamw(lr=0.002, beta1=0, beta2=0.9, eps=0.001, weight_decay=0, amsgrad=true)",
                "rmsprop(lr=0.001, alpha=0.9, eps=1e-6, weight_decay=0.01, momentum=0.9, centered=true)",
                "adagrad(lr=0.1, lr_decay=0.001, weight_decay=0.01, initial_accumulator_value=0.1,"
                        + " eps=1e-8)",
                "adadelta(lr=0.5, rho=0.95, eps=1e-5, weight_decay=0.001)",
                "adamax(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.1)",
                "nadam(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.1, momentum_decay=0.01)",
                "radam(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.1)",
                "scale_by_adam(beta1=0.5, beta2=0.75, eps=0.125, amsgrad=true)",
                "scale_by_rms(alpha=0.5, eps=0.25, centered=true, momentum=0.5)",
                "scale_by_adagrad(lr_decay=0.5, initial_accumulator_value=0.25, eps=0.125)",
                "scale_by_adadelta(rho=1, eps=0.001)",
                "scale_by_adamax(beta1=0, beta2=0.5, eps=0.25)",
                "scale_by_nadam(beta1=0.5, beta2=0.25, eps=0.125, momentum_decay=0)",
                "scale_by_radam(beta1=0.5, beta2=0.25, eps=0.125)",
            })
    void canonicalTextRoundTrips(String text) {
        GradientTransform x = Optimizers.REGISTRY.parse(text);
        assertEquals(text, x.print());
        assertEquals(x, Optimizers.REGISTRY.parse(x.print()));
    }

    @Test
    void defaultsAreTorchDefaults() {
        assertEquals(new Adam(1e-3, 0.9, 0.999, 1e-8, 0, false), parse("adam"));
        assertEquals(new AdamW(1e-3, 0.9, 0.999, 1e-8, 1e-2, false), parse("adamw"));
        assertEquals(new RmsProp(1e-2, 0.99, 1e-8, 0, 0, false), parse("rmsprop"));
        assertEquals(new Adagrad(1e-2, 0, 0, 0, 1e-10), parse("adagrad"));
        assertEquals(new Adadelta(1.0, 0.9, 1e-6, 0), parse("adadelta"));
        assertEquals(new Adamax(2e-3, 0.9, 0.999, 1e-8, 0), parse("adamax"));
        assertEquals(new NAdam(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3), parse("nadam"));
        assertEquals(new RAdam(1e-3, 0.9, 0.999, 1e-8, 0), parse("radam"));
        assertEquals(new ScaleByAdam(0.9, 0.999, 1e-8, false), parse("scale_by_adam"));
        assertEquals(new ScaleByRms(0.99, 1e-8, false, 0), parse("scale_by_rms"));
        assertEquals(new ScaleByAdagrad(0, 0, 1e-10), parse("scale_by_adagrad"));
        assertEquals(new ScaleByAdadelta(0.9, 1e-6), parse("scale_by_adadelta"));
        assertEquals(new ScaleByAdamax(0.9, 0.999, 1e-8), parse("scale_by_adamax"));
        assertEquals(new ScaleByNadam(0.9, 0.999, 1e-8, 4e-3), parse("scale_by_nadam"));
        assertEquals(new ScaleByRadam(0.9, 0.999, 1e-8), parse("scale_by_radam"));
    }

    @Test
    void namedOptimizersExposeTheirLearningRateToSchedules() {
        for (String name : NAMES.subList(0, 8)) {
            assertEquals(0.125, Optimizers.learningRate(parse(name + "(lr=0.125)")), name);
        }
    }

    @Test
    void namedOptimizersAreTheDocumentedChains() {
        assertEquals(
                Chain.of(new ScaleByAdam(0.9, 0.999, 1e-8, false), new Scale(-1e-3)),
                ((Adam) parse("adam")).chain());
        assertEquals(
                Chain.of(
                        new AddWeightDecay(0.1),
                        new ScaleByAdam(0.9, 0.999, 1e-8, true),
                        new Scale(-0.5)),
                ((Adam) parse("adam(lr=0.5, weight_decay=0.1, amsgrad=true)")).chain());
        // AdamW: the decay comes after the moment estimate (decoupled), before the lr.
        assertEquals(
                Chain.of(
                        new ScaleByAdam(0.9, 0.999, 1e-8, false),
                        new AddWeightDecay(0.01),
                        new Scale(-1e-3)),
                ((AdamW) parse("adamw")).chain());
        assertEquals(
                Chain.of(
                        new AddWeightDecay(0.1),
                        new ScaleByRms(0.99, 1e-8, true, 0.9),
                        new Scale(-0.01)),
                ((RmsProp) parse("rmsprop(weight_decay=0.1, momentum=0.9, centered=true)"))
                        .chain());
        assertEquals(
                Chain.of(new ScaleByAdagrad(0.5, 0.1, 1e-10), new Scale(-0.01)),
                ((Adagrad) parse("adagrad(lr_decay=0.5, initial_accumulator_value=0.1)")).chain());
        assertEquals(
                Chain.of(new ScaleByAdadelta(0.9, 1e-6), new Scale(-1.0)),
                ((Adadelta) parse("adadelta")).chain());
        assertEquals(
                Chain.of(new ScaleByAdamax(0.9, 0.999, 1e-8), new Scale(-2e-3)),
                ((Adamax) parse("adamax")).chain());
        assertEquals(
                Chain.of(new ScaleByNadam(0.9, 0.999, 1e-8, 4e-3), new Scale(-2e-3)),
                ((NAdam) parse("nadam")).chain());
        assertEquals(
                Chain.of(new ScaleByRadam(0.9, 0.999, 1e-8), new Scale(-1e-3)),
                ((RAdam) parse("radam")).chain());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "adam(lr=-1) | lr=-1 of optimizer adam at 1:6 must be >= 0",
                "adam(lr=-1e-3) | lr=-1e-3 of optimizer adam",
                "adam(beta1=1) | beta1=1 of optimizer adam at 1:6 must be in the range [0, 1)",
                "adam(beta2=-0.5) | beta2=-0.5 of optimizer adam",
                "adam(eps=0) | eps=0 of optimizer adam at 1:6 must be > 0",
                "adam(weight_decay=-0.01) | weight_decay=-0.01 of optimizer adam at 1:6 must be >= 0",
                "adam(amsgrad=1) | amsgrad=1 of optimizer adam at 1:6 must be true or false",
                "adamw(weight_decay=-1) | weight_decay=-1 of optimizer adamw",
                "adamw(beta1=1.5) | beta1=1.5 of optimizer adamw",
                "rmsprop(alpha=1) | alpha=1 of optimizer rmsprop",
                "rmsprop(momentum=-0.9) | momentum=-0.9 of optimizer rmsprop",
                "rmsprop(centered=yes) | centered=yes of optimizer rmsprop",
                "adagrad(lr_decay=-1) | lr_decay=-1 of optimizer adagrad",
                "adagrad(initial_accumulator_value=-0.1) | "
                        + "initial_accumulator_value=-0.1 of optimizer adagrad",
                "adagrad(eps=-1e-10) | eps=-1e-10 of optimizer adagrad",
                "adadelta(rho=1.01) | rho=1.01 of optimizer adadelta at 1:10 must be in the range [0, 1]",
                "adadelta(lr=-1) | lr=-1 of optimizer adadelta",
                "adamax(beta2=1) | beta2=1 of optimizer adamax",
                "nadam(momentum_decay=-0.004) | momentum_decay=-0.004 of optimizer nadam",
                "nadam(beta1=2) | beta1=2 of optimizer nadam",
                "radam(eps=-1) | eps=-1 of optimizer radam",
                "radam(weight_decay=-0.1) | weight_decay=-0.1 of optimizer radam",
                "scale_by_adam(beta2=1) | beta2=1 of optimizer scale_by_adam",
                "scale_by_rms(eps=0) | eps=0 of optimizer scale_by_rms",
                "scale_by_adagrad(lr_decay=-2) | lr_decay=-2 of optimizer scale_by_adagrad",
                "scale_by_adadelta(rho=2) | rho=2 of optimizer scale_by_adadelta",
                "scale_by_adamax(beta1=1) | beta1=1 of optimizer scale_by_adamax",
                "scale_by_nadam(momentum_decay=-1) | momentum_decay=-1 of optimizer scale_by_nadam",
                "scale_by_radam(beta2=1) | beta2=1 of optimizer scale_by_radam",
                "adam(lrr=0.1) | Unknown argument 'lrr' for optimizer adam",
                "adam(betas=0.9) | Unknown argument 'betas' for optimizer adam",
            })
    void badArgumentsNameTheValue(String text, String message) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Optimizers.REGISTRY.parse(text.strip()));
        assertTrue(e.getMessage().contains(message.strip()), "message was: " + e.getMessage());
    }

    @Test
    void constructorsRejectBadValuesNamingThem() {
        assertMessage("lr must be >= 0, got -1.0", () -> new Adam(-1, 0.9, 0.999, 1e-8, 0, false));
        assertMessage(
                "beta1 must be in the range [0, 1), got 1.0",
                () -> new AdamW(1e-3, 1, 0.999, 1e-8, 0.01, false));
        assertMessage(
                "alpha must be in the range [0, 1), got -0.1",
                () -> new ScaleByRms(-0.1, 1e-8, false, 0));
        assertMessage("eps must be > 0, got 0.0", () -> new ScaleByAdagrad(0, 0, 0));
        assertMessage(
                "rho must be in the range [0, 1], got 1.5", () -> new ScaleByAdadelta(1.5, 1e-6));
        assertMessage(
                "momentum_decay must be >= 0, got -1.0",
                () -> new ScaleByNadam(0.9, 0.999, 1e-8, -1));
        assertMessage("eps must be > 0, got NaN", () -> new ScaleByRadam(0.9, 0.999, Double.NaN));
        assertMessage(
                "weight_decay must be >= 0, got -0.5",
                () -> new Adamax(1e-3, 0.9, 0.999, 1e-8, -0.5));
    }

    private static void assertMessage(String message, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }

    private static GradientTransform parse(String text) {
        return Optimizers.REGISTRY.parse(text);
    }
}
