package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.ListExpr;
import io.kindling.config.Position;
import io.kindling.config.Str;
import io.kindling.init.Selector;
import io.kindling.nn.ParamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Parameter groups, as {@code torch.optim}'s {@code param_groups}: each parameter is updated by the
 * transform of the first group whose selector matches it (the init plan's selectors), with that
 * group's own state — e.g. no weight decay on biases and norm gains, or a smaller lr for the first
 * layers.
 *
 * <p>Example: {@code groups(match=['role=bias', 'role=gain', '*'], optimizers=[adamw(lr=1e-3,
 * weight_decay=0), adamw(lr=1e-3, weight_decay=0), adamw(lr=1e-3, weight_decay=0.1)])}. A parameter
 * that no group matches is an error naming it.
 *
 * @param selectors which parameters, first match wins
 * @param optimizers the transform of each group
 */
public record ParameterGroups(List<Selector> selectors, List<GradientTransform> optimizers)
        implements GradientTransform {

    public ParameterGroups {
        selectors = List.copyOf(selectors);
        optimizers = List.copyOf(optimizers);
        if (selectors.isEmpty() || selectors.size() != optimizers.size()) {
            throw new IllegalArgumentException(
                    "groups needs as many optimizers as selectors (at"
                            + " least one); got "
                            + selectors.size()
                            + " and "
                            + optimizers.size());
        }
    }

    @Override
    public GradientTransform bind(List<ParamContext> contexts) {
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g < selectors.size(); g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < contexts.size(); i++) {
            int group = -1;
            for (int g = 0; g < selectors.size() && group < 0; g++) {
                if (selectors.get(g).matches(contexts.get(i))) {
                    group = g;
                }
            }
            if (group < 0) {
                throw new ConfigException(
                        "No optimizer group matches parameter "
                                + contexts.get(i).name()
                                + "; add a final group for '*'");
            }
            members.get(group).add(i);
        }
        List<GradientTransform> bound = new ArrayList<>();
        for (int g = 0; g < optimizers.size(); g++) {
            List<ParamContext> sub = members.get(g).stream().map(contexts::get).toList();
            bound.add(optimizers.get(g).bind(sub));
        }
        return new BoundGroups(
                this,
                members.stream()
                        .map(m -> m.stream().mapToInt(Integer::intValue).toArray())
                        .toList(),
                bound);
    }

    @Override
    public TransformState init(List<NDArray> params, NDManager manager) {
        throw new IllegalStateException("groups must be bound to a model's parameters first");
    }

    @Override
    public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
        throw new IllegalStateException("groups must be bound to a model's parameters first");
    }

    @Override
    public Call toExpr() {
        List<Expr> match =
                selectors.stream().<Expr>map(s -> new Str(s.text(), true, Position.NONE)).toList();
        List<Expr> opts = optimizers.stream().<Expr>map(GradientTransform::toExpr).toList();
        return CallBuilder.call("groups")
                .arg("match", new ListExpr(match, Position.NONE))
                .arg("optimizers", new ListExpr(opts, Position.NONE))
                .build();
    }

    /** Groups resolved against a model: the parameter indices of each group. */
    private record BoundGroups(
            ParameterGroups source, List<int[]> members, List<GradientTransform> optimizers)
            implements GradientTransform, CurrentLearningRate {

        /**
         * The lr of the first group that has parameters and an lr: a group without parameters makes
         * no updates (see {@link LearningRates#current}).
         */
        @Override
        public OptionalDouble currentLr(TransformState state) {
            for (int g = 0; g < members.size(); g++) {
                if (members.get(g).length > 0) {
                    OptionalDouble lr =
                            LearningRates.current(optimizers.get(g), state.inner().get(g));
                    if (lr.isPresent()) {
                        return lr;
                    }
                }
            }
            return OptionalDouble.empty();
        }

        @Override
        public TransformState init(List<NDArray> params, NDManager manager) {
            List<TransformState> inner = new ArrayList<>();
            for (int g = 0; g < members.size(); g++) {
                inner.add(optimizers.get(g).init(pick(params, members.get(g)), manager));
            }
            return new TransformState(List.of(), inner);
        }

        @Override
        public void update(NDArray[] updates, TransformState state, List<NDArray> params) {
            for (int g = 0; g < members.size(); g++) {
                int[] idx = members.get(g);
                if (idx.length == 0) {
                    continue;
                }
                NDArray[] sub = new NDArray[idx.length];
                for (int j = 0; j < idx.length; j++) {
                    sub[j] = updates[idx[j]];
                }
                optimizers.get(g).update(sub, state.inner().get(g), pick(params, idx));
                for (int j = 0; j < idx.length; j++) {
                    updates[idx[j]] = sub[j];
                }
            }
            state.advance();
        }

        private static List<NDArray> pick(List<NDArray> all, int[] idx) {
            List<NDArray> out = new ArrayList<>(idx.length);
            for (int i : idx) {
                out.add(all.get(i));
            }
            return out;
        }

        @Override
        public Call toExpr() {
            return source.toExpr();
        }
    }
}
