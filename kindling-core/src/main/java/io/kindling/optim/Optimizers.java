package io.kindling.optim;

import io.kindling.config.Args;
import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.Registry;
import io.kindling.config.Str;
import io.kindling.init.Selector;
import io.kindling.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of optimizers and gradient transforms by name; arguments as in {@code torch.optim}.
 * Each family registers itself from its own class.
 */
public final class Optimizers {

    /** Every optimizer and transform, e.g. {@code sgd(lr=0.05, momentum=0.9)}. */
    public static final Registry<GradientTransform> REGISTRY = build();

    private Optimizers() {}

    private static Registry<GradientTransform> build() {
        Registry<GradientTransform> r = new Registry<>("optimizer");
        r.register(
                "sgd",
                "SGD with momentum, dampening, nesterov, coupled weight decay"
                        + " (torch.optim.SGD)",
                Optimizers::sgd);
        r.register(
                "scale_by_schedule",
                "u ← u·schedule(t, base)/base: a learning-rate schedule"
                        + " after an optimizer built with lr=base",
                Optimizers::scaleBySchedule);
        r.register(
                "groups",
                "parameter groups: the first selector in match that a parameter"
                        + " satisfies picks its optimizer, e.g. no weight decay on biases",
                a -> groups(a, r));
        r.register(
                "masked",
                "apply inner only to the parameters match selects, e.g."
                        + " masked(inner=add_decayed_weights(weight_decay=0.1), match='role=weight')",
                a -> {
                    if (!a.has("inner")) {
                        throw a.error("inner", "is required");
                    }
                    return new Masked(
                            r.create(a.expr("inner", null)),
                            Selector.parse(a.string("match", "*")));
                });
        r.register(
                "scheduled",
                "drive a numeric argument of inner by a schedule, e.g."
                        + " scheduled(inner=sgd(lr=0.1, momentum=0.9), key=momentum, schedule=...)",
                a -> {
                    if (!a.has("inner") || !a.has("schedule")) {
                        throw a.error(a.has("inner") ? "schedule" : "inner", "is required");
                    }
                    return new ScheduledHyperparameter(
                            r.create(a.expr("inner", null)),
                            a.string("key", "lr"),
                            Schedules.REGISTRY.create(a.expr("schedule", null)),
                            r);
                });
        r.register(
                "inject_lr",
                "the lr as a hyper-parameter in the optimizer's state (optax's"
                        + " inject_hyperparams): inner runs with lr = schedule(t, lr) · scale; what the"
                        + " trainer runs for optimizer + schedule",
                a -> {
                    if (!a.has("inner")) {
                        throw a.error("inner", "is required, e.g. inner=lamb(lr=0.01)");
                    }
                    GradientTransform inner = r.create(a.expr("inner", null));
                    if (!(inner instanceof HasLearningRate optimizer)) {
                        throw a.error(
                                "inner",
                                "must be an optimizer with an lr (sgd, adam, lamb, …), not "
                                        + inner.print());
                    }
                    return new InjectLearningRate(
                            optimizer,
                            a.has("schedule")
                                    ? Schedules.REGISTRY.create(a.expr("schedule", null))
                                    : null);
                });
        AdaptiveOptimizers.register(r);
        TransformLibrary.register(r);
        return r;
    }

    private static GradientTransform groups(Args a, Registry<GradientTransform> r) {
        List<Expr> match = a.exprs("match", List.of());
        List<Expr> opts = a.exprs("optimizers", List.of());
        if (match.isEmpty() || match.size() != opts.size()) {
            throw a.error(
                    "match",
                    "needs one selector per optimizer (got "
                            + match.size()
                            + " selectors and "
                            + opts.size()
                            + " optimizers)");
        }
        List<Selector> selectors = new ArrayList<>();
        for (Expr e : match) {
            if (!(e instanceof Str str)) {
                throw a.error("match", "must be quoted selectors like ['role=bias', '*']");
            }
            selectors.add(Selector.parse(str.value()));
        }
        return new ParameterGroups(selectors, opts.stream().map(r::create).toList());
    }

    private static GradientTransform scaleBySchedule(Args a) {
        if (!a.has("schedule")) {
            throw a.error("schedule", "is required, e.g. schedule=cosine(t_max=100)");
        }
        return new ScaleBySchedule(
                Schedules.REGISTRY.create(a.expr("schedule", null)), a.positive("base", 1));
    }

    /**
     * The learning rate an optimizer was built with, for schedules given beside it.
     *
     * @param optimizer a named optimizer, or a chain that contains one
     * @return its lr
     * @throws ConfigException if it has none (a bare chain)
     */
    public static double learningRate(GradientTransform optimizer) {
        if (optimizer instanceof HasLearningRate h) {
            return h.lr();
        }
        if (optimizer instanceof ParameterGroups groups) {
            // Schedules that scale the lr (all but cyclic/onecycle) do not depend on which.
            return learningRate(groups.optimizers().get(0));
        }
        if (optimizer instanceof Chain chain) {
            // The chain's named optimizer sets the lr, e.g. chain([clip_by_global_norm, adamw]).
            for (int i = chain.transforms().size() - 1; i >= 0; i--) {
                GradientTransform link = chain.transforms().get(i);
                if (link instanceof HasLearningRate || link instanceof ParameterGroups) {
                    return learningRate(link);
                }
            }
        }
        throw new ConfigException(
                "A schedule needs an optimizer with an lr (sgd, adam, lamb, …);"
                        + " for a chain, add scale_by_schedule(schedule=..., base=LR) to it. Got "
                        + optimizer.print());
    }

    private static GradientTransform sgd(Args a) {
        double lr = a.nonNegative("lr", 1e-3);
        double momentum = a.nonNegative("momentum", 0);
        double dampening = a.inRange("dampening", 0, 0, 1);
        boolean nesterov = a.bool("nesterov", false);
        double weightDecay = a.nonNegative("weight_decay", 0);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw a.error("nesterov", "requires momentum > 0 and dampening = 0");
        }
        return new Sgd(lr, momentum, dampening, nesterov, weightDecay);
    }
}
