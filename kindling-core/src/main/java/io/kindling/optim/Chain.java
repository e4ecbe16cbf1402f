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

/**
 * Transforms applied one after another: {@code chain(transforms=[a, b, c])} is {@code c ∘ b ∘ a}.
 *
 * @param transforms the links, in order
 */
public record Chain(List<GradientTransform> transforms) implements GradientTransform {

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
            implements GradientTransform {

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
