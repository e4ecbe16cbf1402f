package io.kindling.init;

import io.kindling.config.Args;
import io.kindling.config.Num;
import io.kindling.config.Position;
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
                        a -> new Normal(a.number("mean", 0), a.nonNegative("std", 1)))
                .register("uniform", "w ~ U(a, b); defaults a=0, b=1", BasicInitializers::uniform)
                .register(
                        "trunc_normal",
                        "w ~ N(mean, std²) conditioned on a <= w <= b "
                                + "(absolute bounds, as PyTorch); defaults mean=0, std=1, a=-2, b=2",
                        BasicInitializers::truncNormal)
                .register(
                        "eye",
                        "identity matrix for 2-D weights (non-square allowed)",
                        a -> new Eye())
                .register(
                        "dirac",
                        "Dirac delta for 3-5-D conv weights: w[g*out/groups+i, i, "
                                + "centre] = 1; default groups=1 (Zagoruyko & Komodakis 2017)",
                        a -> new Dirac(a.positiveInt("groups", 1)));
    }

    private static Initializer uniform(Args a) {
        double lo = a.number("a", 0);
        double hi = a.number("b", 1);
        checkOrder(a, lo, hi);
        return new Uniform(lo, hi);
    }

    private static Initializer truncNormal(Args a) {
        double mean = a.number("mean", 0);
        double std = a.positive("std", 1);
        double lo = a.number("a", -2);
        double hi = a.number("b", 2);
        checkOrder(a, lo, hi);
        return new TruncatedNormal(mean, std, lo, hi);
    }

    /** Fails unless {@code a < b}, naming the argument the user wrote and both values. */
    private static void checkOrder(Args args, double lo, double hi) {
        if (lo < hi) {
            return;
        }
        throw args.has("b")
                ? args.error("b", "must be greater than a=" + text(lo) + " (needs a < b)")
                : args.error("a", "must be less than b=" + text(hi) + " (needs a < b)");
    }

    private static String text(double v) {
        return new Num(v, Position.NONE).text();
    }
}
