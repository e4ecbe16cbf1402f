package io.kindling.init;

import io.kindling.config.Registry;

/** Constants and plain distributions: zeros, ones, constant, normal, … */
final class BasicInitializers {

    private BasicInitializers() {}

    static void register(Registry<Initializer> r) {
        r.register("zeros", "w = 0", a -> new Constant(0))
                .register("ones", "w = 1", a -> new Constant(1))
                .register("constant", "w = value", a -> new Constant(a.number("value")))
                .register("normal", "w ~ N(mean, std²); defaults mean=0, std=1",
                        a -> new Normal(a.number("mean", 0), a.nonNegative("std", 1)));
    }
}
