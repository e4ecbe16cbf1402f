package io.kindling.tune;

import io.kindling.config.Arg;
import io.kindling.config.Call;
import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.ExprParser;
import io.kindling.config.Num;
import io.kindling.config.Position;
import io.kindling.config.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * The samplers and pruners by name: {@code --sampler tpe(multivariate=false)}, {@code --pruner
 * median}.
 */
public final class Samplers {

    /** grid, random, sobol, tpe. */
    public static final Registry<Sampler> SAMPLERS =
            new Registry<Sampler>("sampler")
                    .register(
                            "random",
                            "independent uniform draws (log-uniform on log scales)",
                            a -> new RandomSampler(a.integer("seed", 0)))
                    .register(
                            "sobol",
                            "scrambled Sobol quasi-random points (commons-math3)",
                            a -> new SobolSampler(a.integer("seed", 0)))
                    .register(
                            "grid",
                            "every combination once, in a seeded order; floats need step=",
                            a -> new GridSampler(a.integer("seed", 0)))
                    .register(
                            "tpe",
                            "Tree-structured Parzen Estimator as Optuna (startup=10,"
                                    + " candidates=24, multivariate=true, constant_liar=true, prior_weight=1)",
                            a ->
                                    new TpeSampler(
                                            a.integer("seed", 0),
                                            a.nonNegativeInt("startup", 10),
                                            a.positiveInt("candidates", 24),
                                            a.bool("multivariate", true),
                                            a.bool("constant_liar", true),
                                            a.positive("prior_weight", 1.0)));

    /** none, median, asha, hyperband. */
    public static final Registry<Pruner> PRUNERS =
            new Registry<Pruner>("pruner")
                    .register("none", "never prune", a -> Pruner.NONE)
                    .register(
                            "median",
                            "stop below the median of complete trials at the same step"
                                    + " (startup=5, warmup=0, interval=1, min_trials=1)",
                            a ->
                                    new MedianPruner(
                                            a.nonNegativeInt("startup", 5),
                                            a.nonNegativeInt("warmup", 0),
                                            a.positiveInt("interval", 1),
                                            a.positiveInt("min_trials", 1),
                                            50))
                    .register(
                            "asha",
                            "asynchronous successive halving (grace_period=1,"
                                    + " reduction_factor=4, min_early_stopping_rate=0)",
                            a ->
                                    new SuccessiveHalvingPruner(
                                            a.positiveInt("grace_period", 1),
                                            reduction(a, 4),
                                            a.nonNegativeInt("min_early_stopping_rate", 0)))
                    .register(
                            "hyperband",
                            "Hyperband brackets of successive halving (min_resource=1,"
                                    + " max_resource = the epochs, reduction_factor=3)",
                            a ->
                                    new HyperbandPruner(
                                            a.positiveInt("min_resource", 1),
                                            a.positiveInt("max_resource", 1),
                                            reduction(a, 3)));

    private Samplers() {}

    private static int reduction(io.kindling.config.Args a, int dflt) {
        int r = a.integer("reduction_factor", dflt);
        if (r < 2) {
            throw a.error("reduction_factor", "must be >= 2");
        }
        return r;
    }

    /** A sampler from its expression, with {@code seed} unless the expression gives one. */
    public static Sampler sampler(String text, long seed) {
        return SAMPLERS.create(withDefault(ExprParser.parse(text), "seed", seed));
    }

    /**
     * A pruner from its expression; {@code hyperband} takes {@code maxResource} (the number of
     * epochs) unless it gives {@code max_resource}.
     */
    public static Pruner pruner(String text, long maxResource) {
        Expr e = ExprParser.parse(text);
        if (e instanceof Call c && c.name().equals("hyperband")) {
            e = withDefault(e, "max_resource", maxResource);
        }
        return PRUNERS.create(e);
    }

    private static Expr withDefault(Expr e, String key, long value) {
        if (!(e instanceof Call c)) {
            throw new ConfigException(
                    "Expected a name such as tpe or tpe(multivariate=false)," + " got " + e);
        }
        if (c.arg(key).isPresent()) {
            return c;
        }
        List<Arg> args = new ArrayList<>(c.args());
        args.add(new Arg(key, new Num(value, Position.NONE), Position.NONE));
        return new Call(c.name(), args, c.position());
    }
}
