package io.kindling.optim;

import io.kindling.config.ConfigException;
import io.kindling.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Puts the learning rate inside an optimizer's state ({@link InjectLearningRate}), so that
 * schedules, reduce-on-plateau and NaN rollback all change the lr the optimizer itself uses — never
 * a factor on its updates afterwards — and reads it back from there ({@link #current}).
 */
public final class LearningRates {

    private LearningRates() {}

    /**
     * The update rule the trainer runs: {@code optimizer} with its lr injected, following {@code
     * schedule} when given.
     *
     * <ul>
     *   <li>an optimizer with a numeric {@code lr} (every named optimizer, LAMB, Lion and LARS
     *       included) is wrapped in {@link InjectLearningRate};
     *   <li>parameter groups get it per group;
     *   <li>a chain gets it on its last link that has an lr or is parameter groups, e.g. {@code
     *       chain([clip_by_global_norm, adamw])}, {@code chain([clip_by_global_norm,
     *       groups(...)])};
     *   <li>anything else is returned as it is, and with a schedule is an error that says how to
     *       schedule it ({@code scale_by_schedule} in the chain).
     * </ul>
     *
     * @param optimizer the optimizer as written
     * @param schedule the lr schedule, or null
     * @return the update rule
     * @throws ConfigException if a schedule is given for an optimizer without an lr
     */
    public static GradientTransform inject(GradientTransform optimizer, Schedule schedule) {
        GradientTransform injected = injectOrNull(optimizer, schedule);
        if (injected != null) {
            return injected;
        }
        if (schedule != null) {
            throw new ConfigException(
                    "A schedule needs an optimizer with an lr (sgd, adam,"
                            + " lamb, lion, …); for a chain, add scale_by_schedule(schedule=...,"
                            + " base=LR) to it. Got "
                            + optimizer.print());
        }
        return optimizer;
    }

    private static GradientTransform injectOrNull(GradientTransform t, Schedule schedule) {
        if (hasLearningRate(t)) {
            return new InjectLearningRate((HasLearningRate) t, schedule);
        }
        if (t instanceof ParameterGroups groups) {
            List<GradientTransform> each = new ArrayList<>();
            for (GradientTransform g : groups.optimizers()) {
                GradientTransform injected = injectOrNull(g, schedule);
                if (injected == null) {
                    return null;
                }
                each.add(injected);
            }
            return new ParameterGroups(groups.selectors(), each);
        }
        if (t instanceof Chain chain) {
            List<GradientTransform> links = new ArrayList<>(chain.transforms());
            for (int i = links.size() - 1; i >= 0; i--) {
                // A link may be parameter groups, e.g. chain([clip_by_global_norm, groups(...)]):
                // global clipping over every parameter, then AdamW per group.
                GradientTransform injected = injectOrNull(links.get(i), schedule);
                if (injected != null) {
                    links.set(i, injected);
                    return new Chain(links);
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code t} is an optimizer with a learning rate that can be rebuilt with another
     * ({@link HasLearningRate}).
     */
    static boolean hasLearningRate(GradientTransform t) {
        return t instanceof HasLearningRate;
    }

    /**
     * The learning rate the update rule's latest update used, read from its state: the one number
     * to log as the run's lr. Before any update it is the lr the first update will use.
     *
     * <ul>
     *   <li>{@link InjectLearningRate}: {@code schedule(t − 1, lr) · scale}, t the updates made,
     *       with the scale the state holds now (rules change it between updates, and the next
     *       update uses the new one);
     *   <li>{@code scheduled(key=lr)}: {@code schedule(t − 1, lr)};
     *   <li>an optimizer with an lr and nothing injected: its lr;
     *   <li>a chain: its last link that has one (where {@link #inject} put it);
     *   <li>parameter groups: the first group with parameters that has one (groups may differ; this
     *       is the first's, as {@link Optimizers#learningRate} reads it).
     * </ul>
     *
     * @param rule the update rule as it runs (bound to the model's parameters)
     * @param state its state
     * @return the lr, or empty when the rule has none (e.g. a bare chain of transforms)
     */
    public static OptionalDouble current(GradientTransform rule, TransformState state) {
        if (rule instanceof CurrentLearningRate c) {
            return c.currentLr(state);
        }
        if (rule instanceof HasLearningRate h) {
            return OptionalDouble.of(h.lr());
        }
        return OptionalDouble.empty();
    }
}
