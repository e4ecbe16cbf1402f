package io.kindling.init;

import io.kindling.config.Registry;

/**
 * Constants, plain distributions and fixed structures: zeros, ones, constant, normal, uniform,
 * trunc_normal, eye, dirac.
 */
final class BasicInitializers {

    private BasicInitializers() {}

    static void register(Registry<Initializer> r) {
        r.register("zeros", "w = 0", a -> new Constant(0))
                .register("ones", "w = 1", a -> new Constant(1))
                .register("constant", "w = value", a -> new Constant(a.number("value")))
                .register(
                        "normal",
                        "w ~ N(mean, std²); defaults mean=0, std=1",
                        a -> new Normal(a.number("mean", 0), a.number("std", 1)))
                .register(
                        "uniform",
                        "w ~ U(a, b); defaults a=0, b=1",
                        a -> new Uniform(a.number("a", 0), a.number("b", 1)))
                .register(
                        "trunc_normal",
                        "w ~ N(mean, std²) conditioned on a <= w <= b "
                                + "(absolute bounds, as PyTorch); defaults mean=0, std=1, a=-2, b=2",
                        a ->
                                new TruncatedNormal(
                                        a.number("mean", 0),
                                        a.number("std", 1),
                                        a.number("a", -2),
                                        a.number("b", 2)))
                .register(
                        "eye",
                        "identity matrix for 2-D weights (non-square allowed)",
                        a -> new Eye())
                .register(
                        "dirac",
                        "Dirac delta for 3-5-D conv weights: w[g*out/groups+i, i, "
                                + "centre] = 1; default groups=1 (Zagoruyko & Komodakis 2017)",
                        a -> new Dirac(a.integer("groups", 1)));
    }
}
