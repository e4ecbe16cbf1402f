package io.kindling.optim;

import io.kindling.config.Args;
import io.kindling.config.Expr;
import io.kindling.config.Registry;
import java.util.ArrayList;
import java.util.List;

/**
 * Transforms and the optimizers PyTorch lacks: chain, clipping, decays, noise, lars, lamb, lion.
 *
 * <p>Composable links: {@code chain(transforms=[...])}, {@code scale(factor)}, {@code
 * trace(momentum, dampening, nesterov)}, {@code add_weight_decay(weight_decay)}, {@code
 * add_decayed_weights(weight_decay)}, {@code l1(weight_decay)}, {@code clip(value)}, {@code
 * clip_by_value(min, max)}, {@code clip_by_norm(max_norm)}, {@code clip_by_global_norm(max_norm)},
 * {@code adaptive_clip(clipping, eps)}, {@code add_noise(eta, gamma)}, {@code sign}, {@code
 * scale_by_trust_ratio}. Whole optimizers: {@code lars}, {@code lamb}, {@code lion}. For example
 * {@code chain(transforms=[clip_by_global_norm(max_norm=1.0), adamw(lr=3e-4, weight_decay=0.1)])}.
 * Bad arguments are {@link io.kindling.config.ConfigException}s naming the value as written.
 */
final class TransformLibrary {

    private TransformLibrary() {}

    static void register(Registry<GradientTransform> r) {
        r.register(
                "chain",
                "transforms applied in order, e.g. chain(transforms=["
                        + "clip_by_global_norm(max_norm=1), sgd(lr=0.1)])",
                a -> chain(r, a));
        r.register(
                "scale",
                "u <- factor * u (scale(factor=-lr) ends a chain)",
                a -> new Scale(a.number("factor")));
        r.register(
                "trace",
                "heavy-ball / Nesterov momentum with torch.optim.SGD's rule",
                TransformLibrary::trace);
        r.register(
                "add_weight_decay",
                "coupled L2: u <- u + weight_decay * p, before the" + " moment estimate",
                a -> new AddWeightDecay(requiredNonNegative(a, "weight_decay")));
        r.register(
                "add_decayed_weights",
                "decoupled decay: u <- u + weight_decay * p, after"
                        + " the moment estimate (Loshchilov & Hutter 2019)",
                a -> new AddDecayedWeights(requiredNonNegative(a, "weight_decay")));
        r.register(
                "l1",
                "L1 penalty: u <- u + weight_decay * sign(p)",
                a -> new L1Decay(requiredNonNegative(a, "weight_decay")));
        r.register(
                "clip",
                "elementwise clamp to [-value, value]" + " (torch.nn.utils.clip_grad_value_)",
                a -> new Clip(requiredNonNegative(a, "value")));
        r.register(
                "clip_by_value",
                "elementwise clamp to [min, max] (torch.clamp)",
                TransformLibrary::clipByValue);
        r.register(
                "clip_by_norm",
                "per-tensor L2-norm clipping to max_norm"
                        + " (torch.nn.utils.clip_grad_norm_ on each tensor)",
                a -> new ClipByNorm(requiredPositive(a, "max_norm")));
        r.register(
                "clip_by_global_norm",
                "L2-norm clipping of all tensors together" + " (torch.nn.utils.clip_grad_norm_)",
                a -> new ClipByGlobalNorm(requiredPositive(a, "max_norm")));
        r.register(
                "adaptive_clip",
                "unit-wise adaptive gradient clipping, AGC" + " (Brock et al. 2021)",
                a -> new AdaptiveClip(a.positive("clipping", 0.01), a.positive("eps", 1e-3)));
        r.register(
                "add_noise",
                "annealed Gaussian gradient noise, variance eta/(1+t)^gamma"
                        + " (Neelakantan et al. 2015)",
                a -> new AddNoise(a.nonNegative("eta", 0.01), a.nonNegative("gamma", 0.55)));
        r.register("sign", "u <- sign(u) (signSGD)", a -> new Sign());
        r.register(
                "scale_by_trust_ratio",
                "u <- (|p| / |u|) * u per tensor, LAMB's trust" + " ratio",
                a -> new ScaleByTrustRatio());
        r.register(
                "lars",
                "layer-wise adaptive rate scaling with momentum" + " (You, Gitman & Ginsburg 2017)",
                TransformLibrary::lars);
        r.register(
                "lamb",
                "Adam moments with a layer-wise trust ratio (You et al. 2019)",
                TransformLibrary::lamb);
        r.register(
                "lion",
                "sign of interpolated momentum, decoupled decay (Chen et al. 2023)",
                TransformLibrary::lion);
    }

    private static GradientTransform chain(Registry<GradientTransform> r, Args a) {
        List<Expr> items = a.exprs("transforms", null);
        if (items == null) {
            throw a.error(
                    "transforms",
                    "is required: a list of transforms such as"
                            + " [clip_by_global_norm(max_norm=1), sgd(lr=0.1)]");
        }
        if (items.isEmpty()) {
            throw a.error(
                    "transforms",
                    "must name at least one transform (an empty chain"
                            + " would add the raw gradient to the parameters)");
        }
        List<GradientTransform> links = new ArrayList<>();
        for (Expr item : items) {
            links.add(r.create(item));
        }
        return new Chain(links);
    }

    private static GradientTransform trace(Args a) {
        double momentum = requiredNonNegative(a, "momentum");
        double dampening = a.inRange("dampening", 0, 0, 1);
        boolean nesterov = a.bool("nesterov", false);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw a.error("nesterov", "requires momentum > 0 and dampening = 0");
        }
        return new Trace(momentum, dampening, nesterov);
    }

    private static GradientTransform clipByValue(Args a) {
        double min = a.number("min");
        double max = a.number("max");
        if (max < min) {
            throw a.error(
                    "max", "must be >= min (" + a.call().arg("min").orElseThrow().value() + ")");
        }
        return new ClipByValue(min, max);
    }

    private static GradientTransform lars(Args a) {
        return new Lars(
                requiredNonNegative(a, "lr"),
                a.nonNegative("momentum", 0.9),
                a.nonNegative("weight_decay", 0),
                a.positive("eta", 1e-3));
    }

    private static GradientTransform lamb(Args a) {
        return new Lamb(
                a.nonNegative("lr", 1e-3),
                belowOne(a, "beta1", 0.9),
                belowOne(a, "beta2", 0.999),
                a.positive("eps", 1e-6),
                a.nonNegative("weight_decay", 0));
    }

    private static GradientTransform lion(Args a) {
        return new Lion(
                a.nonNegative("lr", 1e-4),
                a.inRange("beta1", 0.9, 0, 1),
                a.inRange("beta2", 0.99, 0, 1),
                a.nonNegative("weight_decay", 0));
    }

    /** A required number {@code >= 0}. */
    private static double requiredNonNegative(Args a, String key) {
        double v = a.number(key);
        if (!(v >= 0)) {
            throw a.error(key, "must be >= 0");
        }
        return v;
    }

    /** A required number {@code > 0}. */
    private static double requiredPositive(Args a, String key) {
        double v = a.number(key);
        if (!(v > 0)) {
            throw a.error(key, "must be > 0");
        }
        return v;
    }

    /** A number in {@code [0, 1)} (a moment decay with a bias correction), or {@code dflt}. */
    private static double belowOne(Args a, String key, double dflt) {
        double v = a.number(key, dflt);
        if (a.has(key) && !(v >= 0 && v < 1)) {
            throw a.error(key, "must be in the range [0, 1)");
        }
        return v;
    }
}
