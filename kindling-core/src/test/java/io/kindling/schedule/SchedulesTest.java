package io.kindling.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.config.ConfigException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Registry round trips, argument validation, pure-function behaviour and the table helper. */
class SchedulesTest {

    static final List<String> EXPRESSIONS =
            List.of(
                    "step(step_size=30)",
                    "step(step_size=7, gamma=0.5)",
                    "multistep(milestones=[30, 80])",
                    "multistep(milestones=[0, 5, 6], gamma=0.3)",
                    "multistep(milestones=[])",
                    "multistep(milestones=4)",
                    "exponential(gamma=0.95)",
                    "cosine(t_max=100)",
                    "cosine(t_max=1, eta_min=1e-5)",
                    "cosine_warm_restarts(t_0=10)",
                    "cosine_warm_restarts(t_0=10, t_mult=2, eta_min=1e-4)",
                    "linear",
                    "linear(start_factor=0.1, end_factor=0, total_iters=500)",
                    "constant",
                    "constant(factor=0.5, total_iters=100)",
                    "polynomial",
                    "polynomial(total_iters=1000, power=2)",
                    "cyclic(base_lr=0.001, max_lr=0.1)",
                    "cyclic(base_lr=0, max_lr=0.1, step_size_up=10, step_size_down=30, mode=exp_range,"
                            + " gamma=0.999)",
                    "onecycle(max_lr=0.1, total_steps=10000)",
                    "onecycle(max_lr=1, total_steps=50, pct_start=0.4, anneal_strategy=linear,"
                            + " div_factor=10, final_div_factor=100, three_phase=true)",
                    "sequential(schedules=[cosine(t_max=5)], milestones=[])",
                    "sequential(schedules=[linear(start_factor=0.01, total_iters=500), cosine(t_max=9500)],"
                            + " milestones=[500])",
                    "sequential(schedules=[constant, sequential(schedules=[exponential(gamma=0.9),"
                            + " step(step_size=3)], milestones=[4]), onecycle(max_lr=0.1, total_steps=20)],"
                            + " milestones=[5, 10])",
                    "warmup_cosine(warmup_steps=500, total_steps=10000)",
                    "warmup_cosine(warmup_steps=0, total_steps=10, eta_min=1e-5)");

    static List<String> expressions() {
        return EXPRESSIONS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void parsePrintParseGivesAnEqualSchedule(String expr) {
        Schedule s = Schedules.REGISTRY.parse(expr);
        Schedule again = Schedules.REGISTRY.parse(s.print());
        assertEquals(s, again, expr + " printed as " + s.print());
        assertEquals(s.print(), again.print(), "the printed form is canonical");
        for (long k = 0; k <= 20; k++) {
            assertEquals(s.value(k, 0.1), again.value(k, 0.1), 0.0, "step " + k);
        }
    }

    @Test
    void everyNameIsRoundTrippedAndSummarized() {
        Set<String> seen = new TreeSet<>();
        for (String expr : EXPRESSIONS) {
            seen.add(Schedules.REGISTRY.parse(expr).toExpr().name());
        }
        assertEquals(Schedules.REGISTRY.names(), seen);
        assertEquals(
                Set.of(
                        "step",
                        "multistep",
                        "exponential",
                        "cosine",
                        "cosine_warm_restarts",
                        "linear",
                        "constant",
                        "polynomial",
                        "cyclic",
                        "onecycle",
                        "sequential",
                        "warmup_cosine"),
                Schedules.REGISTRY.names());
        for (String name : Schedules.REGISTRY.names()) {
            assertFalse(Schedules.REGISTRY.summary(name).isBlank(), name);
        }
        assertEquals("schedule", Schedules.REGISTRY.kind());
        assertFalse(Schedules.REGISTRY.contains("reduce_on_plateau"));
    }

    @Test
    void defaultsAreSpelledOut() {
        assertEquals("step(step_size=30, gamma=0.1)", print("step(step_size=30)"));
        assertEquals(
                "multistep(milestones=[30, 80], gamma=0.1)",
                print("multistep(milestones=[30, 80])"));
        assertEquals("cosine(t_max=100, eta_min=0)", print("cosine(t_max=100)"));
        assertEquals(
                "cosine_warm_restarts(t_0=10, t_mult=1, eta_min=0)",
                print("cosine_warm_restarts(t_0=10)"));
        assertEquals(
                "linear(start_factor=0.3333333333333333, end_factor=1, total_iters=5)",
                print("linear"));
        assertEquals("constant(factor=0.3333333333333333, total_iters=5)", print("constant"));
        assertEquals("polynomial(total_iters=5, power=1)", print("polynomial"));
        assertEquals(
                "cyclic(base_lr=0.001, max_lr=0.1, step_size_up=2000, step_size_down=2000,"
                        + " mode=triangular, gamma=1)",
                print("cyclic(base_lr=0.001, max_lr=0.1)"));
        assertEquals(
                "cyclic(base_lr=0.001, max_lr=0.1, step_size_up=10, step_size_down=10,"
                        + " mode=triangular, gamma=1)",
                print("cyclic(base_lr=0.001, max_lr=0.1, step_size_up=10)"));
        assertEquals(
                "onecycle(max_lr=0.1, total_steps=100, pct_start=0.3, anneal_strategy=cos,"
                        + " div_factor=25, final_div_factor=10000, three_phase=false)",
                print("onecycle(max_lr=0.1, total_steps=100)"));
        assertEquals(
                "sequential(schedules=[linear(start_factor=0.1, end_factor=1, total_iters=5),"
                        + " exponential(gamma=0.9)], milestones=[5])",
                print(
                        "sequential(schedules=[linear(start_factor=0.1), exponential(gamma=0.9)],"
                                + " milestones=[5])"));
        assertEquals(
                "warmup_cosine(warmup_steps=5, total_steps=50, eta_min=0)",
                print("warmup_cosine(warmup_steps=5, total_steps=50)"));
    }

    /** Each bad expression fails with a message naming the argument and its value as written. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "step(step_size=0)| step_size=0 | must be an integer > 0",
                "step(step_size=2.5)| step_size=2.5 | must be an integer",
                "step(step_size=10, gamma=0)| gamma=0 | must be > 0",
                "step(step_size=10, gamma=-0.5)| gamma=-0.5 | must be > 0",
                "multistep(milestones=[10, 5])| milestones=[10, 5] | 5 follows 10",
                "multistep(milestones=[10, 10])| milestones=[10, 10] | strictly increasing",
                "multistep(milestones=[2.5])| milestones=[2.5] | integers >= 0, but has 2.5",
                "multistep(milestones=[-1])| milestones=[-1] | integers >= 0, but has -1",
                "multistep(milestones=[1], gamma=0)| gamma=0 | must be > 0",
                "multistep(gamma=0.5)| 'milestones' | Missing argument",
                "sequential(milestones=[])| 'schedules' | Missing argument",
                "exponential(gamma=0)| gamma=0 | must be > 0",
                "exponential(gamma=-1e-3)| gamma=-1e-3 | must be > 0",
                "cosine(t_max=0)| t_max=0 | must be an integer >= 1",
                "cosine(t_max=10.5)| t_max=10.5 | must be an integer",
                "cosine(t_max=10, eta_min=-1)| eta_min=-1 | must be >= 0",
                "cosine_warm_restarts(t_0=0)| t_0=0 | must be an integer > 0",
                "cosine_warm_restarts(t_0=10, t_mult=0)| t_mult=0 | must be an integer >= 1",
                "cosine_warm_restarts(t_0=10, t_mult=1.5)| t_mult=1.5 | must be an integer",
                "linear(start_factor=0)| start_factor=0 | must be in (0, 1]",
                "linear(start_factor=1.5)| start_factor=1.5 | must be in (0, 1]",
                "linear(end_factor=2)| end_factor=2 | must be in the range [0, 1]",
                "linear(total_iters=0)| total_iters=0 | must be an integer > 0",
                "constant(factor=0)| factor=0 | must be in (0, 1]",
                "constant(factor=3)| factor=3 | must be in (0, 1]",
                "polynomial(power=0)| power=0 | must be > 0",
                "polynomial(total_iters=-5)| total_iters=-5 | must be an integer > 0",
                "cyclic(base_lr=-0.1, max_lr=0.1)| base_lr=-0.1 | must be >= 0",
                "cyclic(base_lr=0.1, max_lr=0.01)| max_lr=0.01 | must be >= base_lr=0.1",
                "cyclic(base_lr=0.01, max_lr=0.1, step_size_up=0)| step_size_up=0 | integer > 0",
                "cyclic(base_lr=0.01, max_lr=0.1, step_size_down=0)| step_size_down=0 | integer > 0",
                "cyclic(base_lr=0.01, max_lr=0.1, mode=triangle)| mode=triangle | did you mean",
                "cyclic(base_lr=0.01, max_lr=0.1, mode=exp_range, gamma=0)| gamma=0 | must be > 0",
                "onecycle(max_lr=0, total_steps=10)| max_lr=0 | must be > 0",
                "onecycle(max_lr=0.1, total_steps=0)| total_steps=0 | must be an integer > 0",
                "onecycle(max_lr=0.1, total_steps=100, pct_start=1)| pct_start=1 | open interval (0, 1)",
                "onecycle(max_lr=0.1, total_steps=100, pct_start=0)| pct_start=0 | open interval (0, 1)",
                "onecycle(max_lr=0.1, total_steps=100, pct_start=1.2)| pct_start=1.2 | (0, 1)",
                "onecycle(max_lr=0.1, total_steps=100, pct_start=0.01)| pct_start=0.01 | 0.01·100",
                "onecycle(max_lr=0.1, total_steps=3)| pct_start | does not fit total_steps=3",
                "onecycle(max_lr=0.1, total_steps=100, pct_start=0.6, three_phase=true)| pct_start=0.6"
                        + " | pct_start < 0.505",
                "onecycle(max_lr=0.1, total_steps=100, anneal_strategy=cosine)| anneal_strategy=cosine"
                        + " | must be one of cos, linear",
                "onecycle(max_lr=0.1, total_steps=100, div_factor=0)| div_factor=0 | must be > 0",
                "onecycle(max_lr=0.1, total_steps=100, final_div_factor=-1)| final_div_factor=-1 | > 0",
                "sequential(schedules=[cosine(t_max=5)], milestones=[3])| milestones=[3] | must hold 0"
                        + " steps, one fewer than the 1 schedule",
                "sequential(schedules=[cosine(t_max=5), cosine(t_max=5)], milestones=[])| milestones=[]"
                        + " | must hold 1 step, one fewer than the 2 schedules",
                "sequential(schedules=[cosine(t_max=5), cosine(t_max=5)], milestones=[0])| milestones=[0]"
                        + " | integers >= 1",
                "sequential(schedules=[constant, constant, constant], milestones=[8, 4])| milestones=[8,"
                        + " 4] | 4 follows 8",
                "sequential(schedules=[], milestones=[])| schedules=[] | at least one schedule",
                "sequential(schedules=[cosine(t_max=0)], milestones=[])| t_max=0 | must be an integer >= 1",
                "sequential(schedules=[cosine(t_max=5), 3], milestones=[2])| 3 | schedule expression",
                "warmup_cosine(warmup_steps=10, total_steps=10)| total_steps=10 | > warmup_steps=10",
                "warmup_cosine(warmup_steps=-1, total_steps=10)| warmup_steps=-1 | integer >= 0",
                "warmup_cosine(warmup_steps=1, total_steps=10, eta_min=-0.1)| eta_min=-0.1 | >= 0",
                "exponential| 'gamma' | Missing argument",
                "cosine(t_max=5, eta_mn=0)| 'eta_mn' | did you mean eta_min",
                "cosine_annealing(t_max=5)| 'cosine_annealing' | Unknown schedule",
            })
    void errorsNameTheBadValue(String expr, String named, String problem) {
        ConfigException e =
                assertThrows(ConfigException.class, () -> Schedules.REGISTRY.parse(expr));
        assertTrue(
                e.getMessage().contains(named.strip()),
                "message names " + named.strip() + ": " + e.getMessage());
        assertTrue(
                e.getMessage().contains(problem.strip()),
                "message says " + problem.strip() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(" at 1:"), "message has a position: " + e.getMessage());
    }

    @Test
    void errorMessagesReadWell() {
        assertEquals(
                "Argument gamma=0 of schedule exponential at 1:13 must be > 0",
                message("exponential(gamma=0)"));
        assertEquals(
                "Argument milestones=[10, 5] of schedule multistep at 1:11 must be strictly"
                        + " increasing, but 5 follows 10",
                message("multistep(milestones=[10, 5])"));
        assertEquals(
                "Argument t_max=0 of schedule cosine at 1:8 must be an integer >= 1",
                message("cosine(t_max=0)"));
        assertEquals(
                "Argument pct_start=1 of schedule onecycle at 1:39 must be in the open"
                        + " interval (0, 1)",
                message("onecycle(max_lr=0.1, total_steps=100, pct_start=1)"));
    }

    @Test
    void recordsCheckTheirInvariantsWhenBuiltInCode() {
        assertThrows(IllegalArgumentException.class, () -> new StepLr(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new MultiStepLr(List.of(5, 3), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialLr(0));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLr(0, 0));
        assertThrows(
                IllegalArgumentException.class, () -> new CosineAnnealingWarmRestarts(5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinearLr(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new ConstantLr(1.5, 5));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialLr(5, -1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CyclicLr(0.1, 0.2, 10, 10, "sawtooth", 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new OneCycleLr(0.1, 100, 1, "cos", 25, 1e4, false));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SequentialLr(List.of(new ExponentialLr(0.9)), List.of(3)));
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosine(10, 5, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void valuesArePureFunctionsOfTheStep(String expr) {
        Schedule s = Schedules.REGISTRY.parse(expr);
        double[] forward = ScheduleTable.values(s, 0.1, 21);
        for (int k = 20; k >= 0; k--) {
            assertEquals(forward[k], s.value(k, 0.1), 0.0, "step " + k + " read backwards");
        }
        assertThrows(IllegalArgumentException.class, () -> s.value(-1, 0.1));
    }

    @Test
    void scheduleTableListsTheValueOfEachUpdate() {
        Schedule s = Schedules.REGISTRY.parse("step(step_size=2, gamma=0.5)");
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25}, ScheduleTable.values(s, 1, 5));
        assertEquals(0, ScheduleTable.values(s, 1, 0).length);
        assertThrows(IllegalArgumentException.class, () -> ScheduleTable.values(s, 1, -1));
    }

    @Test
    void baseScalesTheRelativeSchedulesOnly() {
        Schedule cosine = Schedules.REGISTRY.parse("cosine(t_max=10)");
        assertEquals(2 * cosine.value(3, 0.1), cosine.value(3, 0.2), 1e-15);
        Schedule cyclic =
                Schedules.REGISTRY.parse("cyclic(base_lr=0.01, max_lr=0.1," + " step_size_up=4)");
        assertEquals(cyclic.value(3, 0.1), cyclic.value(3, 5.0), 0.0);
        assertEquals(0.1, cyclic.value(4, 123), 1e-15);
        Schedule onecycle = Schedules.REGISTRY.parse("onecycle(max_lr=0.1, total_steps=10)");
        assertEquals(0.1 / 25, onecycle.value(0, 7.0), 1e-15);
    }

    @Test
    void onecycleIsDefinedUpToTotalSteps() {
        OneCycleLr s =
                (OneCycleLr) Schedules.REGISTRY.parse("onecycle(max_lr=0.1," + " total_steps=10)");
        assertEquals(0.004, s.value(0, 0), 1e-15);
        assertEquals(0.1 / 25 / 1e4, s.minLr(), 1e-20);
        assertEquals(s.minLr(), s.value(9, 0), 1e-18);
        assertEquals(10, ScheduleTable.values(s, 0, 10).length);
        s.value(10, 0); // PyTorch's last step() still computes a value
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> s.value(11, 0));
        assertTrue(e.getMessage().contains("total_steps=10"), e.getMessage());
    }

    @Test
    void sequentialRestartsEachChildAtItsMilestone() {
        Schedule a = Schedules.REGISTRY.parse("linear(start_factor=0.5, total_iters=4)");
        Schedule b = Schedules.REGISTRY.parse("cosine_warm_restarts(t_0=3)");
        Schedule c = Schedules.REGISTRY.parse("exponential(gamma=0.9)");
        Schedule s = new SequentialLr(List.of(a, b, c), List.of(6, 10));
        for (int k = 0; k < 30; k++) {
            Schedule child = k < 6 ? a : k < 10 ? b : c;
            long local = k < 6 ? k : k < 10 ? k - 6 : k - 10;
            assertEquals(child.value(local, 0.1), s.value(k, 0.1), 0.0, "step " + k);
        }
    }

    @Test
    void warmRestartsFollowGrowingCycles() {
        Schedule s = Schedules.REGISTRY.parse("cosine_warm_restarts(t_0=2, t_mult=3)");
        // cycles [0, 2), [2, 8), [8, 26), [26, 80): each starts at the base value
        for (int start : new int[] {0, 2, 8, 26}) {
            assertEquals(0.1, s.value(start, 0.1), 1e-18, "restart at " + start);
        }
        assertEquals(0.05, s.value(5, 0.1), 1e-15, "half way through [2, 8)");
        assertEquals(0.05, s.value(17, 0.1), 1e-15, "half way through [8, 26)");
        double far = s.value(1_000_000_000_000_000L, 0.1);
        assertTrue(far >= 0 && far <= 0.1, "a very late step stays in range: " + far);
    }

    private static String print(String expr) {
        return Schedules.REGISTRY.parse(expr).print();
    }

    private static String message(String expr) {
        return assertThrows(ConfigException.class, () -> Schedules.REGISTRY.parse(expr))
                .getMessage();
    }
}
