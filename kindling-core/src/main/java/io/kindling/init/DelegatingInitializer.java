package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.nn.Model;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * An initializer that samples exactly as another one and differs only in its name or in what
 * happens after sampling (named special cases such as {@code lecun_normal}, or LSUV's base).
 */
interface DelegatingInitializer extends Initializer {

    /** The initializer that does the sampling. */
    Initializer delegate();

    @Override
    default NDArray sample(ParamContext context, NDManager manager) {
        return delegate().sample(context, manager);
    }

    @Override
    default double std(ParamContext context) {
        return delegate().std(context);
    }

    @Override
    default void checkFits(ParamContext context) {
        delegate().checkFits(context);
    }

    @Override
    default void checkFits(Model model) {
        delegate().checkFits(model);
    }

    @Override
    default Optional<DoubleUnaryOperator> density(ParamContext context) {
        return delegate().density(context);
    }
}
