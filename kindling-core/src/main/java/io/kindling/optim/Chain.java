package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.Expr;
import io.kindling.config.ListExpr;
import io.kindling.config.Position;
import io.kindling.nn.ParamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Transforms applied one after another: {@code chain(transforms=[a, b, c])} is {@code c ∘ b ∘ a}.
 *
 * @param transforms the links, in order
 */
public record Chain(List<GradientTransform> transforms)
        implements GradientTransform, CurrentLearningRate {

    public Chain {
        transforms = List.copyOf(transforms);
    }

    /** A chain of the given links. */
    public static Chain of(GradientTransform... transforms) {
        return new Chain(List.of(transforms));
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        List<TransformState> inner = new ArrayList<>();
        for (GradientTransform t : transforms) {
            inner.add(t.init(params, manager));
        }
        return new TransformState(List.of(), inner);
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        for (int i = 0; i < transforms.size(); i++) {
            transforms.get(i).update(updates, state.inner().get(i), params);
        }
        state.advance();
    }

    /** The lr of the last link that has one (see {@link LearningRates#current}). */
    @Override
    public OptionalDouble currentLr(TransformState state) {
        return lastLr(transforms, state);
    }

    static OptionalDouble lastLr(List<GradientTransform> links, TransformState state) {
        for (int i = links.size() - 1; i >= 0; i--) {
            OptionalDouble lr = LearningRates.current(links.get(i), state.inner().get(i));
            if (lr.isPresent()) {
                return lr;
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public GradientTransform bind(List<ParamContext> contexts) {
        List<GradientTransform> bound = new ArrayList<>();
        boolean changed = false;
        for (GradientTransform t : transforms) {
            GradientTransform b = t.bind(contexts);
            changed |= b != t;
            bound.add(b);
        }
        return changed ? new BoundChain(this, bound) : this;
    }

    /** A chain whose links were bound to a model; prints as the chain it came from. */
    private record BoundChain(Chain source, List<GradientTransform> links)
            implements GradientTransform, CurrentLearningRate {

        @Override
        public OptionalDouble currentLr(TransformState state) {
            return lastLr(links, state);
        }

        @Override
        public TransformState init(List<NDArray> params, NDManager manager) {
            return new Chain(links).init(params, manager);
        }

        @Override
        public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
            new Chain(links).update(updates, state, params);
        }

        @Override
        public Call toExpr() {
            return source.toExpr();
        }
    }

    @Override
    public Call toExpr() {
        List<Expr> items = transforms.stream().<Expr>map(GradientTransform::toExpr).toList();
        return CallBuilder.call("chain")
                .arg("transforms", new ListExpr(items, Position.NONE))
                .build();
    }
}
