package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Arg;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.config.Num;
import io.kindling.config.Position;
import io.kindling.config.Registry;
import io.kindling.nn.ParamContext;
import io.kindling.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Drives any numeric argument of a transform by a schedule: at update t the inner transform runs
 * with {@code key = schedule(t, base)}, where base is the value written in {@code inner} (e.g.
 * momentum warm-up, or weight decay annealed with the lr). The inner state carries over from step
 * to step, so the argument must not change the state's structure (e.g. sgd's momentum should not be
 * scheduled to exactly 0).
 *
 * <p>The learning rate of an optimizer with one ({@link HasLearningRate}) is set through its
 * constructor ({@link HasLearningRate#withLr}), as {@link InjectLearningRate} does; any other
 * argument by rebuilding {@code inner} from its expression with the new value, through {@code
 * registry}.
 *
 * <p>Example: {@code scheduled(inner=sgd(lr=0.1, momentum=0.9), key=momentum,
 * schedule=linear(start_factor=0.5, total_iters=100))}.
 *
 * @param inner the transform whose argument is scheduled
 * @param key the argument's name in {@code inner}'s expression
 * @param schedule the schedule, with base = the argument's written value
 * @param registry where the inner transform is rebuilt from its expression, for arguments other
 *     than an optimizer's lr
 */
public record ScheduledHyperparameter(
        GradientTransform inner,
        String key,
        Schedule schedule,
        Registry<GradientTransform> registry)
        implements GradientTransform, CurrentLearningRate {

    public ScheduledHyperparameter {
        base(inner, key);
    }

    /** The value written for {@code key} in the transform: its lr, or the expression's argument. */
    static double base(GradientTransform inner, String key) {
        if (isLearningRate(inner, key)) {
            return ((HasLearningRate) inner).lr();
        }
        return inner.toExpr()
                .arg(key)
                .map(Arg::value)
                .filter(v -> v instanceof Num)
                .map(v -> ((Num) v).value())
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        "scheduled: "
                                                + inner.print()
                                                + " has no numeric argument '"
                                                + key
                                                + "'"));
    }

    private static boolean isLearningRate(GradientTransform inner, String key) {
        return key.equals("lr") && inner instanceof HasLearningRate;
    }

    /** The inner transform as it runs at update {@code t}. */
    public GradientTransform at(long t) {
        double value = schedule.value(t, base(inner, key));
        if (isLearningRate(inner, key)) {
            return ((HasLearningRate) inner).withLr(value);
        }
        Call call = inner.toExpr();
        List<Arg> args = new ArrayList<>();
        for (Arg a : call.args()) {
            args.add(
                    a.key().equals(key)
                            ? new Arg(key, new Num(value, Position.NONE), Position.NONE)
                            : a);
        }
        return registry.create(new Call(call.name(), args, Position.NONE));
    }

    /**
     * With {@code key=lr}: the lr of the latest update, {@code schedule(t − 1, lr)} (before any
     * update, of the first); otherwise the inner transform's (see {@link LearningRates#current}).
     */
    @Override
    public OptionalDouble currentLr(TransformState state) {
        if (isLearningRate(inner, key)) {
            return OptionalDouble.of(
                    schedule.value(Math.max(0, state.count() - 1), base(inner, key)));
        }
        return LearningRates.current(inner, state.inner().get(0));
    }

    @Override
    public GradientTransform bind(List<ParamContext> contexts) {
        if (inner.bind(contexts) != inner) {
            throw new ConfigException(
                    "scheduled: the inner transform "
                            + inner.print()
                            + " selects parameters; schedule inside each group instead");
        }
        return this;
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        return new TransformState(List.of(), List.of(inner.init(params, manager)));
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        at(state.count()).update(updates, state.inner().get(0), params);
        state.advance();
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("scheduled")
                .arg("inner", inner)
                .arg("key", key)
                .arg("schedule", schedule)
                .build();
    }
}
