package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.init.Selector;
import io.kindling.nn.ParamContext;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Applies {@code inner} only to the parameters {@code match} selects; the others' updates pass
 * through unchanged (optax's {@code masked}). Typical use: decoupled weight decay on weights only,
 * {@code masked(inner=add_decayed_weights(weight_decay=0.1), match='role=weight')}.
 *
 * @param inner the transform for the selected parameters
 * @param match the selector
 */
public record Masked(GradientTransform inner, Selector match) implements GradientTransform {

    @Override
    public GradientTransform bind(List<ParamContext> contexts) {
        GradientTransform bound =
                new ParameterGroups(
                                List.of(match, Selector.parse("*")),
                                List.of(inner, PassThrough.INSTANCE))
                        .bind(contexts);
        return new Bound(this, bound);
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        throw new IllegalStateException("masked must be bound to a model's parameters first");
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        throw new IllegalStateException("masked must be bound to a model's parameters first");
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("masked")
                .arg("inner", inner)
                .argQuoted("match", match.text())
                .build();
    }

    /** The bound form; prints as the masked transform it came from. */
    private record Bound(Masked source, GradientTransform groups)
            implements GradientTransform, CurrentLearningRate {

        @Override
        public OptionalDouble currentLr(TransformState state) {
            return LearningRates.current(groups, state);
        }

        @Override
        public TransformState init(List<NDArray> params, NDManager manager) {
            return groups.init(params, manager);
        }

        @Override
        public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
            groups.update(updates, state, params);
        }

        @Override
        public Call toExpr() {
            return source.toExpr();
        }
    }

    /** Leaves updates as they are. */
    private enum PassThrough implements StatelessTransform {
        INSTANCE;

        @Override
        public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
            state.advance();
        }

        @Override
        public Call toExpr() {
            return CallBuilder.call("scale").arg("factor", 1.0).build();
        }
    }
}
