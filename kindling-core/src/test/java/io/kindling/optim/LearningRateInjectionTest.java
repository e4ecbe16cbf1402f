package io.kindling.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.ConfigException;
import io.kindling.engine.Compute;
import io.kindling.schedule.Schedule;
import io.kindling.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The learning rate lives in the optimizer's state: for every optimizer, a schedule plus a rule's
 * factor (reduce-on-plateau) give exactly the trajectory of the same optimizer whose lr is set by
 * hand before each step — what PyTorch's {@code param_group['lr'] = …} does — in float64.
 */
class LearningRateInjectionTest {

    /** One case per optimizer with an lr, each with the options that change its state. */
    static final List<String> CASES =
            List.of(
                    "sgd(lr=0.1, momentum=0.9, weight_decay=0.01)",
                    "sgd(lr=0.1, momentum=0.9, nesterov=true)",
                    "adam(lr=0.01, amsgrad=true)",
                    "adamw(lr=0.01, weight_decay=0.1)",
                    "rmsprop(lr=0.01, momentum=0.9, centered=true)",
                    "adagrad(lr=0.1, lr_decay=0.01)",
                    "adadelta(lr=1.0)",
                    "adamax(lr=0.01)",
                    "nadam(lr=0.01)",
                    "radam(lr=0.01)",
                    "lars(lr=0.1, weight_decay=0.01)",
                    "lamb(lr=0.01, weight_decay=0.01)",
                    "lion(lr=0.001, weight_decay=0.1)");

    static final Schedule SCHEDULE =
            Schedules.REGISTRY.parse("warmup_cosine(warmup_steps=3, total_steps=12)");
    static final int STEPS = 12;

    /** Reduce-on-plateau halves the lr from this update on. */
    static final int PLATEAU_AT = 7;

    static Stream<String> cases() {
        return CASES.stream();
    }

    /**
     * Every registered transform that needs no argument, or only its lr (lars): the others (groups,
     * chain, masked, ...) are not optimizers by themselves.
     */
    static List<GradientTransform> registered() {
        List<GradientTransform> all = new ArrayList<>();
        for (String name : Optimizers.REGISTRY.names()) {
            for (String expr : List.of(name, name + "(lr=0.1)")) {
                try {
                    all.add(Optimizers.REGISTRY.parse(expr));
                    break;
                } catch (ConfigException e) {
                    // needs other arguments
                }
            }
        }
        return all;
    }

    @Test
    void everyOptimizerWithAnLrHasACase() {
        for (GradientTransform t : registered()) {
            if (LearningRates.hasLearningRate(t)) {
                String name = t.toExpr().name();
                assertTrue(
                        CASES.stream().anyMatch(c -> c.startsWith(name + "(")),
                        name + " has an lr but no case");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scheduleAndPlateauInTheStateEqualTheLrSetByHandEachStep(String expr) {
        GradientTransform written = Optimizers.REGISTRY.parse(expr);
        double base = Optimizers.learningRate(written);
        GradientTransform injected = LearningRates.inject(written, SCHEDULE);
        assertInstanceOf(InjectLearningRate.class, injected);
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray pa = m.create(new double[] {0.5, -1.5, 2.0, 0.1, -0.3});
            NDArray pb = pa.duplicate();
            NDArray c = m.create(new double[] {1.0, 0.3, 2.0, -0.5, 0.7});
            TransformState sa = injected.init(List.of(pa), m);
            TransformState sb = written.init(List.of(pb), m);
            for (int t = 0; t < STEPS; t++) {
                double factor = t >= PLATEAU_AT ? 0.5 : 1;
                if (t == PLATEAU_AT) {
                    assertEquals(1, sa.setInjectedScales(factor), "one injected lr");
                }
                NDArray[] ua = {c.mul(pa).add(pa.sin())};
                injected.update(ua, sa, List.of(pa));
                pa.addi(ua[0]);
                // By hand: the same optimizer written with this step's lr, its state carried on.
                double lr = SCHEDULE.value(t, base) * factor;
                GradientTransform byHand = Optimizers.REGISTRY.parse(withLr(expr, lr));
                NDArray[] ub = {c.mul(pb).add(pb.sin())};
                byHand.update(ub, sb, List.of(pb));
                pb.addi(ub[0]);
                double[] a = pa.toDoubleArray();
                double[] b = pb.toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(
                            b[i],
                            a[i],
                            1e-13 * Math.max(1, Math.abs(b[i])),
                            expr + " step " + (t + 1) + " element " + i + " (lr " + lr + ")");
                }
            }
            assertEquals(
                    0.5,
                    ((InjectLearningRate) injected).learningRate(sa, 0) / SCHEDULE.value(0, base),
                    1e-15,
                    "the scale is in the state");
        }
    }

    static String withLr(String expr, double lr) {
        String replaced =
                expr.replaceFirst(
                        "lr=[0-9.eE-]+",
                        "lr=" + String.format(Locale.ROOT, "%s", Double.toString(lr)));
        assertTrue(!replaced.equals(expr) || expr.contains("lr=" + lr), expr);
        return replaced;
    }

    @Test
    void groupsAndChainsGetTheLrInjectedWhereItIs() {
        GradientTransform groups =
                LearningRates.inject(
                        Optimizers.REGISTRY.parse(
                                "groups(match=['role=bias', '*'], optimizers=[lamb(lr=0.01), lion(lr=0.001)])"),
                        SCHEDULE);
        ParameterGroups g = assertInstanceOf(ParameterGroups.class, groups);
        g.optimizers().forEach(o -> assertInstanceOf(InjectLearningRate.class, o));
        Chain chain =
                assertInstanceOf(
                        Chain.class,
                        LearningRates.inject(
                                Optimizers.REGISTRY.parse(
                                        "chain(transforms=[clip_by_global_norm(max_norm=1), lamb(lr=0.01)])"),
                                null));
        assertInstanceOf(ClipByGlobalNorm.class, chain.transforms().get(0));
        assertInstanceOf(InjectLearningRate.class, chain.transforms().get(1));
    }

    @Test
    void aScheduleOnAChainWithoutAnLrSaysHowToScheduleIt() {
        GradientTransform bare =
                Optimizers.REGISTRY.parse(
                        "chain(transforms=[scale_by_adam(), scale(factor=-0.001)])");
        ConfigException e =
                assertThrows(ConfigException.class, () -> LearningRates.inject(bare, SCHEDULE));
        assertTrue(e.getMessage().contains("scale_by_schedule"), e.getMessage());
        assertEquals(bare, LearningRates.inject(bare, null), "without a schedule it is kept");
    }

    @Test
    void theInjectedFormRoundTripsThroughItsExpression() {
        GradientTransform injected =
                LearningRates.inject(Optimizers.REGISTRY.parse("lamb(lr=0.01)"), SCHEDULE);
        assertEquals(injected.print(), Optimizers.REGISTRY.parse(injected.print()).print());
        assertTrue(injected.print().startsWith("inject_lr(inner=lamb(lr=0.01"), injected.print());
    }

    @Test
    void scalesAreSavedAndRestoredDepthFirst() {
        Compute.start(new Compute.Threads(1, 1));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            List<NDArray> params = new ArrayList<>(List.of(m.create(new double[] {1, 2})));
            GradientTransform rule =
                    LearningRates.inject(
                            Optimizers.REGISTRY.parse(
                                    "chain(transforms=[clip_by_global_norm(max_norm=1), adam(lr=0.01)])"),
                            null);
            TransformState s = rule.init(params, m);
            assertEquals(1, s.setInjectedScales(0.25));
            List<Double> saved = s.scales();
            assertEquals(1, saved.stream().filter(v -> v == 0.25).count(), saved.toString());
            TransformState fresh = rule.init(params, m);
            fresh.restoreScales(saved);
            assertEquals(saved, fresh.scales());
            assertThrows(IllegalArgumentException.class, () -> fresh.restoreScales(List.of(1.0)));
            assertThrows(IllegalArgumentException.class, () -> s.setInjectedScales(0));
        }
    }
}
