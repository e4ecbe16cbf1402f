package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adaptive optimizers and their transforms check their own arguments, for code that builds one
 * without the registry: every argument's first bad value is refused naming the argument, and the
 * values at the allowed bounds (0 for a rate or decay, 0 for a beta, 1 for rho) pass.
 */
class AdaptiveArgumentsTest {

    private static Arguments bad(String named, Supplier<Object> make) {
        return Arguments.of(named, make);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                bad("lr", () -> new Adagrad(-1e-9, 0, 0, 0, 1e-10)),
                bad("lr_decay", () -> new Adagrad(0.01, -1e-9, 0, 0, 1e-10)),
                bad("weight_decay", () -> new Adagrad(0.01, 0, -1e-9, 0, 1e-10)),
                bad("initial_accumulator_value", () -> new Adagrad(0.01, 0, 0, -1e-9, 1e-10)),
                bad("eps", () -> new Adagrad(0.01, 0, 0, 0, 0)),
                bad("lr", () -> new RmsProp(-1e-9, 0.99, 1e-8, 0, 0, false)),
                bad("alpha", () -> new RmsProp(0.01, 1, 1e-8, 0, 0, false)),
                bad("eps", () -> new RmsProp(0.01, 0.99, 0, 0, 0, false)),
                bad("weight_decay", () -> new RmsProp(0.01, 0.99, 1e-8, -1e-9, 0, false)),
                bad("momentum", () -> new RmsProp(0.01, 0.99, 1e-8, 0, -1e-9, false)),
                bad("lr", () -> new Adadelta(-1e-9, 0.9, 1e-6, 0)),
                bad("rho", () -> new Adadelta(1, 1.0000001, 1e-6, 0)),
                bad("eps", () -> new Adadelta(1, 0.9, 0, 0)),
                bad("weight_decay", () -> new Adadelta(1, 0.9, 1e-6, -1e-9)),
                bad("beta1", () -> new ScaleByAdam(1, 0.999, 1e-8, false)),
                bad("beta2", () -> new ScaleByAdam(0.9, 1, 1e-8, false)),
                bad("eps", () -> new ScaleByAdam(0.9, 0.999, 0, false)),
                bad("beta1", () -> new ScaleByAdamax(-1e-9, 0.999, 1e-8)),
                bad("beta2", () -> new ScaleByAdamax(0.9, 1, 1e-8)),
                bad("eps", () -> new ScaleByAdamax(0.9, 0.999, 0)),
                bad("beta1", () -> new ScaleByNadam(1, 0.999, 1e-8, 0.004)),
                bad("beta2", () -> new ScaleByNadam(0.9, 1, 1e-8, 0.004)),
                bad("eps", () -> new ScaleByNadam(0.9, 0.999, 0, 0.004)),
                bad("momentum_decay", () -> new ScaleByNadam(0.9, 0.999, 1e-8, -1e-9)),
                bad("beta1", () -> new ScaleByRadam(1, 0.999, 1e-8)),
                bad("beta2", () -> new ScaleByRadam(0.9, 1, 1e-8)),
                bad("eps", () -> new ScaleByRadam(0.9, 0.999, 0)),
                bad("alpha", () -> new ScaleByRms(1, 1e-8, false, 0)),
                bad("eps", () -> new ScaleByRms(0.99, 0, false, 0)),
                bad("momentum", () -> new ScaleByRms(0.99, 1e-8, false, -1e-9)),
                bad("lr_decay", () -> new ScaleByAdagrad(-1e-9, 0, 1e-10)),
                bad("initial_accumulator_value", () -> new ScaleByAdagrad(0, -1e-9, 1e-10)),
                bad("eps", () -> new ScaleByAdagrad(0, 0, 0)),
                bad("rho", () -> new ScaleByAdadelta(-1e-9, 1e-6)),
                bad("eps", () -> new ScaleByAdadelta(0.9, Double.POSITIVE_INFINITY)),
                bad("lr", () -> new NAdam(-1e-9, 0.9, 0.999, 1e-8, 0, 0.004)),
                bad("beta1", () -> new NAdam(0.002, 1, 0.999, 1e-8, 0, 0.004)),
                bad("beta2", () -> new NAdam(0.002, 0.9, 1, 1e-8, 0, 0.004)),
                bad("eps", () -> new NAdam(0.002, 0.9, 0.999, 0, 0, 0.004)),
                bad("weight_decay", () -> new NAdam(0.002, 0.9, 0.999, 1e-8, -1e-9, 0.004)),
                bad("momentum_decay", () -> new NAdam(0.002, 0.9, 0.999, 1e-8, 0, -1e-9)),
                bad("lr", () -> new RAdam(-1e-9, 0.9, 0.999, 1e-8, 0)),
                bad(
                        "weight_decay",
                        () -> new RAdam(0.001, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void eachArgumentsFirstBadValueIsRefusedNamingIt(String named, Supplier<Object> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().startsWith(named + " must"), e.getMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(
                        "adagrad with every rate and decay 0",
                        (Supplier<Object>) () -> new Adagrad(0, 0, 0, 0, 1e-10)),
                Arguments.of(
                        "rmsprop with alpha, lr, weight decay and momentum 0",
                        (Supplier<Object>) () -> new RmsProp(0, 0, 1e-8, 0, 0, true)),
                Arguments.of(
                        "adadelta with rho 1 and lr 0",
                        (Supplier<Object>) () -> new Adadelta(0, 1, 1e-6, 0)),
                Arguments.of(
                        "adadelta with rho 0",
                        (Supplier<Object>) () -> new ScaleByAdadelta(0, 1e-6)),
                Arguments.of(
                        "adam with betas 0",
                        (Supplier<Object>) () -> new ScaleByAdam(0, 0, 1e-8, true)),
                Arguments.of(
                        "nadam with lr, betas, weight decay and momentum decay 0",
                        (Supplier<Object>) () -> new NAdam(0, 0, 0, 1e-8, 0, 0)),
                Arguments.of(
                        "radam with lr and weight decay 0",
                        (Supplier<Object>) () -> new RAdam(0, 0.9, 0.999, 1e-8, 0)),
                Arguments.of(
                        "adagrad transform with lr decay and accumulator 0",
                        (Supplier<Object>) () -> new ScaleByAdagrad(0, 0, 1e-10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void theValuesAtTheAllowedBoundsPass(String what, Supplier<Object> make) {
        assertDoesNotThrow(make::get, what);
    }
}
