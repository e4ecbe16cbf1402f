package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.config.Num;
import io.kindling.engine.Compute;
import io.kindling.schedule.Schedule;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning rate as a hyper-parameter of the optimizer, as optax's {@code inject_hyperparams}:
 * the optimizer is rebuilt with a new lr by its constructor ({@link HasLearningRate#withLr}), never
 * by printing and parsing its expression, and the lr each update used is read back from the state
 * ({@link LearningRates#current}).
 */
class LearningRateHyperparameterTest {

    static final Schedule SCHEDULE = LearningRateInjectionTest.SCHEDULE;

    /** Plain SGD under a name no registry knows: its printed form cannot be parsed back. */
    record UnregisteredSgd(double lr) implements HasLearningRate {

        @Override
        public TransformState init(List<NDArray> params, NDManager manager) {
            return new Scale(-lr).init(params, manager);
        }

        @Override
        public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
            new Scale(-lr).update(updates, state, params);
        }

        @Override
        public UnregisteredSgd withLr(double newLr) {
            return new UnregisteredSgd(newLr);
        }

        @Override
        public Call toExpr() {
            return CallBuilder.call("unregistered_sgd").arg("lr", lr).build();
        }
    }

    static List<String> cases() {
        return LearningRateInjectionTest.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void withLrIsTheOptimizerWrittenWithThatLr(String expr) {
        HasLearningRate written =
                assertInstanceOf(HasLearningRate.class, Optimizers.REGISTRY.parse(expr));
        double lr = 0.0375;
        assertEquals(
                Optimizers.REGISTRY.parse(LearningRateInjectionTest.withLr(expr, lr)),
                written.withLr(lr),
                "every other argument kept, in its place");
        assertEquals(lr, written.withLr(lr).lr());
        assertEquals(written, written.withLr(written.lr()));
    }

    @Test
    void everyTransformThatPrintsAnLrCanBeRebuiltWithAnother() {
        for (GradientTransform t : LearningRateInjectionTest.registered()) {
            if (t.toExpr().arg("lr").map(a -> a.value() instanceof Num).orElse(false)) {
                assertInstanceOf(
                        HasLearningRate.class,
                        t,
                        t.print() + " has an lr that a schedule could not set: implement withLr");
            }
        }
    }

    @Test
    void anOptimizerWhosePrintedFormCannotBeParsedStillGetsItsLrInjected() {
        UnregisteredSgd sgd = new UnregisteredSgd(0.1);
        assertThrows(ConfigException.class, () -> Optimizers.REGISTRY.parse(sgd.print()));
        GradientTransform injected = LearningRates.inject(sgd, SCHEDULE);
        assertInstanceOf(InjectLearningRate.class, injected);
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray p = m.create(new double[] {0.5, -1.5, 2.0});
            NDArray g = m.create(new double[] {1.0, 0.25, -2.0});
            TransformState state = injected.init(List.of(p), m);
            assertEquals(
                    SCHEDULE.value(0, 0.1),
                    LearningRates.current(injected, state).orElseThrow(),
                    "before any update: the lr of the first");
            for (int t = 0; t < 6; t++) {
                if (t == 4) {
                    state.setInjectedScales(0.5);
                }
                double[] before = p.toDoubleArray();
                NDArray[] updates = {g};
                injected.update(updates, state, List.of(p));
                p.addi(updates[0]);
                double lr = SCHEDULE.value(t, 0.1) * (t >= 4 ? 0.5 : 1);
                assertEquals(lr, LearningRates.current(injected, state).orElseThrow(), 0);
                assertEquals(
                        lr, usedLr(before, p.toDoubleArray(), g, 2), lr * 1e-12, "update " + t);
            }
        }
        ScheduledHyperparameter scheduled =
                new ScheduledHyperparameter(sgd, "lr", SCHEDULE, Optimizers.REGISTRY);
        assertEquals(new UnregisteredSgd(SCHEDULE.value(3, 0.1)), scheduled.at(3));
    }

    @Test
    void currentIsTheLrEachUpdateUsedForEveryOptimizer() {
        Compute.start(new Compute.Threads(1, 1));
        for (String expr : LearningRateInjectionTest.CASES) {
            GradientTransform written = Optimizers.REGISTRY.parse(expr);
            double base = ((HasLearningRate) written).lr();
            GradientTransform injected = LearningRates.inject(written, SCHEDULE);
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                NDArray p = m.create(new double[] {0.5, -1.5, 2.0});
                TransformState state = injected.init(List.of(p), m);
                assertEquals(
                        base,
                        LearningRates.current(written, written.init(List.of(p), m)).orElseThrow(),
                        expr + " without injection: its own lr");
                for (int t = 0; t < LearningRateInjectionTest.STEPS; t++) {
                    NDArray[] updates = {p.sin()};
                    injected.update(updates, state, List.of(p));
                    p.addi(updates[0]);
                    assertEquals(
                            SCHEDULE.value(t, base),
                            LearningRates.current(injected, state).orElseThrow(),
                            0,
                            expr + " update " + t);
                }
            }
        }
    }

    @Test
    void inGroupsTheLrIsTheFirstGroupThatHasParameters() {
        // No parameter of an MLP without norms has role=gain: the first group makes no update.
        GradientTransform rule =
                LearningRates.inject(
                                Optimizers.REGISTRY.parse(
                                        "chain(transforms=[clip_by_global_norm(max_norm=10),"
                                                + " groups(match=['role=gain', '*'],"
                                                + " optimizers=[sgd(lr=0.5), sgd(lr=0.1)])])"),
                                SCHEDULE)
                        .bind(ParameterGroupsTest.contexts());
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params =
                    ParameterGroupsTest.contexts().stream()
                            .map(c -> m.ones(c.shape(), DataType.FLOAT64))
                            .toList();
            TransformState state = rule.init(params, m);
            assertEquals(SCHEDULE.value(0, 0.1), LearningRates.current(rule, state).orElseThrow());
            for (int t = 0; t < 3; t++) {
                double[] before = params.get(0).toDoubleArray();
                NDArray[] updates = params.stream().map(p -> p.mul(0.01)).toArray(NDArray[]::new);
                NDArray g = updates[0];
                rule.update(updates, state, params);
                for (int i = 0; i < updates.length; i++) {
                    params.get(i).addi(updates[i]);
                }
                double lr = LearningRates.current(rule, state).orElseThrow();
                assertEquals(SCHEDULE.value(t, 0.1), lr, 0, "update " + t);
                assertEquals(lr, usedLr(before, params.get(0).toDoubleArray(), g, 0), lr * 1e-9);
            }
        }
    }

    @Test
    void aScheduledLrIsReadBackAndABareChainHasNone() {
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params = List.of(m.create(new double[] {1, 2}));
            GradientTransform scheduled =
                    Optimizers.REGISTRY.parse(
                            "scheduled(inner=sgd(lr=0.1), key=lr,"
                                    + " schedule=exponential(gamma=0.5))");
            TransformState state = scheduled.init(params, m);
            for (int t = 0; t < 3; t++) {
                NDArray[] updates = {params.get(0).mul(0.1)};
                scheduled.update(updates, state, params);
            }
            assertEquals(0.1 * 0.25, LearningRates.current(scheduled, state).orElseThrow());
            GradientTransform bare =
                    Optimizers.REGISTRY.parse(
                            "chain(transforms=[scale_by_adam(), scale(factor=-0.001)])");
            assertEquals(OptionalDouble.empty(), LearningRates.current(bare, bare.init(params, m)));
        }
    }

    @Test
    void injectLrRefusesAnInnerWithoutAnLr() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Optimizers.REGISTRY.parse("inject_lr(inner=scale_by_adam())"));
        assertTrue(e.getMessage().contains("inner"), e.getMessage());
    }

    /** The lr of a plain SGD step p ← p − lr·g, from element {@code k}. */
    static double usedLr(double[] before, double[] after, NDArray g, int k) {
        return (before[k] - after[k]) / g.toDoubleArray()[k];
    }
}
