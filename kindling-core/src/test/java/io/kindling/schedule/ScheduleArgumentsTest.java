package io.kindling.schedule;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each schedule record checks its own arguments, for code that builds one without the registry: the
 * value at each bound that is allowed is accepted, the first value past it is refused with a
 * message naming the argument.
 */
class ScheduleArgumentsTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(
                        "constant at factor 1, one iteration",
                        (Supplier<Schedule>) () -> new ConstantLr(1.0, 1)),
                Arguments.of(
                        "cosine at t_max 1, eta_min 0",
                        (Supplier<Schedule>) () -> new CosineAnnealingLr(1, 0.0)),
                Arguments.of(
                        "warm restarts at t_0 1, t_mult 1, eta_min 0",
                        (Supplier<Schedule>) () -> new CosineAnnealingWarmRestarts(1, 1, 0.0)),
                Arguments.of(
                        "cyclic with base 0 = max, steps of 1",
                        (Supplier<Schedule>) () -> new CyclicLr(0.0, 0.0, 1, 1, "triangular", 1)),
                Arguments.of(
                        "linear from 1 to 0 in one iteration",
                        (Supplier<Schedule>) () -> new LinearLr(1.0, 0.0, 1)),
                Arguments.of("linear to 1", (Supplier<Schedule>) () -> new LinearLr(0.5, 1.0, 1)),
                Arguments.of(
                        "multistep with milestone 0",
                        (Supplier<Schedule>) () -> new MultiStepLr(List.of(0), 0.5)),
                Arguments.of(
                        "onecycle, three phases just inside pct_start < 5/8 at 4 steps",
                        (Supplier<Schedule>) () -> new OneCycleLr(1, 4, 0.5, "cos", 25, 1e4, true)),
                Arguments.of(
                        "polynomial over one iteration",
                        (Supplier<Schedule>) () -> new PolynomialLr(1, 1)),
                Arguments.of("step of size 1", (Supplier<Schedule>) () -> new StepLr(1, 0.5)),
                Arguments.of(
                        "warmup_cosine without warm-up, one step, eta_min 0",
                        (Supplier<Schedule>) () -> new WarmupCosine(0, 1, 0.0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void theValueAtEachAllowedBoundIsAccepted(String what, Supplier<Schedule> make) {
        assertDoesNotThrow(make::get, what);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                bad("factor", () -> new ConstantLr(0, 5)),
                bad("factor", () -> new ConstantLr(1.0000001, 5)),
                bad("total_iters", () -> new ConstantLr(0.5, 0)),
                bad("t_max", () -> new CosineAnnealingLr(0, 0)),
                bad("eta_min", () -> new CosineAnnealingLr(10, -1e-9)),
                bad("t_0", () -> new CosineAnnealingWarmRestarts(0, 1, 0)),
                bad("t_mult", () -> new CosineAnnealingWarmRestarts(1, 0, 0)),
                bad("eta_min", () -> new CosineAnnealingWarmRestarts(1, 1, -1e-9)),
                bad("base_lr", () -> new CyclicLr(-1e-9, 1, 1, 1, "triangular", 1)),
                bad("max_lr", () -> new CyclicLr(0.5, 0.4999, 1, 1, "triangular", 1)),
                bad("step_size_up", () -> new CyclicLr(0, 1, 0, 1, "triangular", 1)),
                bad("step_size_down", () -> new CyclicLr(0, 1, 1, 0, "triangular", 1)),
                bad("mode", () -> new CyclicLr(0, 1, 1, 1, "sine", 1)),
                bad("gamma", () -> new CyclicLr(0, 1, 1, 1, "exp_range", 0)),
                bad("start_factor", () -> new LinearLr(0, 1, 5)),
                bad("start_factor", () -> new LinearLr(1.0000001, 1, 5)),
                bad("end_factor", () -> new LinearLr(0.5, -1e-9, 5)),
                bad("end_factor", () -> new LinearLr(0.5, 1.0000001, 5)),
                bad("total_iters", () -> new LinearLr(0.5, 1, 0)),
                bad("strictly increasing", () -> new MultiStepLr(List.of(5, 5), 0.5)),
                bad("strictly increasing", () -> new MultiStepLr(List.of(-1), 0.5)),
                bad("gamma", () -> new MultiStepLr(List.of(5), 0)),
                bad("max_lr", () -> new OneCycleLr(0, 100, 0.3, "cos", 25, 1e4, false)),
                bad("total_steps", () -> new OneCycleLr(1, 0, 0.3, "cos", 25, 1e4, false)),
                bad("pct_start", () -> new OneCycleLr(1, 100, 0, "cos", 25, 1e4, false)),
                bad("pct_start", () -> new OneCycleLr(1, 100, 1, "cos", 25, 1e4, false)),
                bad("non-empty warm-up", () -> new OneCycleLr(1, 4, 0.25, "cos", 25, 1e4, false)),
                // 2·pct·total − 2 = 3 = total − 1: an empty third phase, exactly at the bound
                bad("non-empty third", () -> new OneCycleLr(1, 4, 0.625, "cos", 25, 1e4, true)),
                bad("anneal_strategy", () -> new OneCycleLr(1, 100, 0.3, "step", 25, 1e4, false)),
                bad("div_factor", () -> new OneCycleLr(1, 100, 0.3, "cos", 0, 1e4, false)),
                bad("final_div_factor", () -> new OneCycleLr(1, 100, 0.3, "cos", 25, 0, false)),
                bad("total_iters", () -> new PolynomialLr(0, 1)),
                bad("power", () -> new PolynomialLr(5, 0)),
                bad("at least one schedule", () -> new SequentialLr(List.of(), List.of())),
                bad("step_size", () -> new StepLr(0, 0.5)),
                bad("gamma", () -> new StepLr(1, 0)),
                bad("warmup_steps", () -> new WarmupCosine(-1, 10, 0)),
                bad("total_steps", () -> new WarmupCosine(5, 5, 0)),
                bad("eta_min", () -> new WarmupCosine(0, 10, -1e-9)));
    }

    private static Arguments bad(String named, Supplier<Schedule> make) {
        return Arguments.of(named, make);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void theFirstValuePastEachBoundIsRefusedNamingTheArgument(
            String named, Supplier<Schedule> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[5, 5]", "[2147483648]", "[1.5]", "[-1]"})
    void milestonesInAnExpressionMustBeIncreasingIntegersThatFit(String milestones) {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Schedules.REGISTRY.parse("multistep(milestones=" + milestones + ")"));
        assertTrue(e.getMessage().contains("milestones"), e.getMessage());
        // numbers are quoted in their expression form: -1, not -1.0
        assertTrue(!e.getMessage().contains(".0"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[0]", "[2147483647]", "[0, 1]"})
    void milestonesAtTheBoundsAreAccepted(String milestones) {
        assertDoesNotThrow(
                () -> Schedules.REGISTRY.parse("multistep(milestones=" + milestones + ")"));
    }
}
