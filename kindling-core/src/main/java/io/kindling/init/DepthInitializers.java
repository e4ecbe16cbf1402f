package io.kindling.init;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.Expr;
import io.kindling.config.Num;
import io.kindling.config.Registry;
import io.kindling.config.Str;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleUnaryOperator;

/**
 * Perturbation and depth-/width-aware initializers: noisy, scaled_residual, fixup, deepnorm, mup.
 */
final class DepthInitializers {

    private DepthInitializers() {}

    static void register(Registry<Initializer> r) {
        r.register(
                        "noisy",
                        "w = base + N(0, s²), s = std or relative·std(base);"
                                + " std(w) = √(std(base)² + s²)",
                        DepthInitializers::noisy)
                .register(
                        "scaled_residual",
                        "residual-branch outputs get base/√(2N), N ="
                                + " residual branches, others base; defaults base=normal(std=0.02),"
                                + " factor=auto (GPT-2, Radford et al. 2019)",
                        a ->
                                new ScaledResidual(
                                        base(a, new Normal(0, 0.02)), autoOrNumber(a, "factor")))
                .register(
                        "fixup",
                        "branch ends and classifier 0, other branch layers"
                                + " base·L^(−1/(2m−2)), rest base; default base=auto (He for the next"
                                + " activation) (Zhang et al. 2019)",
                        a -> new Fixup(base(a, new HeForActivation())))
                .register(
                        "deepnorm",
                        "Xavier normal with gain β ((8N)^(−1/4) for one stack) on"
                                + " ffn/value/output projections, 1 on query/key; defaults"
                                + " arch=encoder, n=auto, m=auto (Wang et al. 2022)",
                        DepthInitializers::deepnorm)
                .register(
                        "mup",
                        "μP init (Yang et al. 2021, Table 3): output layer"
                                + " base/√width_mult, input and hidden base; defaults base=auto,"
                                + " base_width=auto",
                        a -> new Mup(base(a, new HeForActivation()), autoOrNumber(a, "base_width")))
                .register(
                        "t_fixup",
                        "T-Fixup for a decoder of N blocks without layer norm (Huang et al."
                                + " 2020): embeddings N(0, 1/d)·(9N)^(−1/4), value/attention_out/mlp"
                                + " xavier_normal·(9N)^(−1/4), rest xavier_normal; n=auto",
                        a -> new TFixup(autoOrInteger(a, "n")))
                .register(
                        "small_init",
                        "N(0, 2/(5d)), d the model width (Nguyen & Salazar 2019)",
                        a -> new SmallInit());
    }

    private static Initializer noisy(Args a) {
        if (!a.has("base")) {
            throw a.error(
                    "base",
                    "is required: the initializer to perturb, e.g."
                            + " noisy(base=orthogonal, std=0.01)");
        }
        Initializer base = base(a, null);
        boolean absolute = a.has("std");
        boolean relative = a.has("relative");
        String either =
                ": give exactly one of std (the noise std) or relative (noise std ="
                        + " relative × std(base))";
        if (absolute && relative) {
            throw a.error("relative", "conflicts with std" + either);
        }
        if (!absolute && !relative) {
            throw a.error("std", "is missing" + either);
        }
        return relative
                ? new Noisy(base, a.number("relative"), true)
                : new Noisy(base, a.number("std"), false);
    }

    private static Initializer deepnorm(Args a) {
        DeepNorm.Arch arch =
                DeepNorm.Arch.valueOf(
                        a.choice("arch", "encoder", "encoder", "decoder", "encoder_decoder")
                                .toUpperCase(Locale.ROOT));
        return new DeepNorm(arch, autoOrInteger(a, "n"), autoOrInteger(a, "m"));
    }

    /**
     * The nested initializer under {@code base}: an expression such as {@code
     * kaiming_normal(nonlinearity=relu)}, or {@code auto} for He normal with the gain of the
     * following activation; {@code dflt} when absent.
     */
    static Initializer base(Args a, Initializer dflt) {
        Expr e = a.expr("base", null);
        if (e == null) {
            return dflt;
        }
        if (isAuto(e)) {
            return new HeForActivation();
        }
        return Initializers.REGISTRY.create(e);
    }

    /** {@code auto} or absent (empty), or a number; the record checks that it is > 0. */
    static OptionalDouble autoOrNumber(Args a, String key) {
        Expr e = a.expr(key, null);
        if (e == null || isAuto(e)) {
            return OptionalDouble.empty();
        }
        if (!(e instanceof Num)) {
            throw a.error(key, "must be a number > 0 or auto");
        }
        return OptionalDouble.of(a.number(key));
    }

    /** {@code auto} or absent (empty), or a whole number; the record checks that it is > 0. */
    static OptionalInt autoOrInteger(Args a, String key) {
        Expr e = a.expr(key, null);
        if (e == null || isAuto(e)) {
            return OptionalInt.empty();
        }
        if (!(e instanceof Num)) {
            throw a.error(key, "must be an integer > 0 or auto");
        }
        return OptionalInt.of(a.integer(key));
    }

    /** The density of c·X given the density f of X: f(x/c)/c; empty for c = 0. */
    static Optional<DoubleUnaryOperator> scaled(Optional<DoubleUnaryOperator> density, double c) {
        if (c == 1) {
            return density;
        }
        return c > 0 ? density.map(f -> x -> f.applyAsDouble(x / c) / c) : Optional.empty();
    }

    private static boolean isAuto(Expr e) {
        return (e instanceof Call c && c.args().isEmpty() && c.name().equals("auto"))
                || (e instanceof Str s && s.value().equals("auto"));
    }
}
