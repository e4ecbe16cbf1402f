package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.config.Num;
import io.kindling.engine.Compute;
import io.kindling.schedule.Schedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning rate as a hyper-parameter of the optimizer, as optax's {@code inject_hyperparams}:
 * the optimizer is rebuilt with a new lr by its constructor ({@link HasLearningRate#withLr}), never
 * by printing and parsing its expression.
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
        for (String name : Optimizers.REGISTRY.names()) {
            GradientTransform t;
            try {
                t = Optimizers.REGISTRY.parse(name);
            } catch (ConfigException e) {
                try {
                    t = Optimizers.REGISTRY.parse(name + "(lr=0.1)");
                } catch (ConfigException again) {
                    continue; // needs other arguments (groups, chain, masked, ...)
                }
            }
            boolean printsLr =
                    t.toExpr().arg("lr").map(a -> a.value() instanceof Num).orElse(false);
            if (printsLr) {
                assertInstanceOf(
                        HasLearningRate.class,
                        t,
                        name + " has an lr that a schedule could not set: implement withLr");
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
            for (int t = 0; t < 6; t++) {
                if (t == 4) {
                    state.setInjectedScales(0.5);
                }
                double[] before = p.toDoubleArray();
                NDArray[] updates = {g};
                injected.update(updates, state, List.of(p));
                p.addi(updates[0]);
                double lr = SCHEDULE.value(t, 0.1) * (t >= 4 ? 0.5 : 1);
                assertEquals(lr, usedLr(before, p.toDoubleArray(), g), lr * 1e-12, "update " + t);
            }
        }
        ScheduledHyperparameter scheduled =
                new ScheduledHyperparameter(sgd, "lr", SCHEDULE, Optimizers.REGISTRY);
        assertEquals(new UnregisteredSgd(SCHEDULE.value(3, 0.1)), scheduled.at(3));
    }

    @Test
    void injectLrRefusesAnInnerWithoutAnLr() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () -> Optimizers.REGISTRY.parse("inject_lr(inner=scale_by_adam())"));
        assertTrue(e.getMessage().contains("inner"), e.getMessage());
    }

    /**
     * The lr of a plain SGD step p ← p − lr·g, from the element with the largest |g|. The gradient
     * array is read before the parameters change, so it may be the one the update replaced.
     */
    static double usedLr(double[] before, double[] after, NDArray g) {
        double[] grad = g.toDoubleArray();
        int k = 0;
        for (int i = 1; i < grad.length; i++) {
            if (Math.abs(grad[i]) > Math.abs(grad[k])) {
                k = i;
            }
        }
        return (before[k] - after[k]) / grad[k];
    }
}
