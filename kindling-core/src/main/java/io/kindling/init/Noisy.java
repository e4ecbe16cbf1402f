package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.Model;
import io.kindling.nn.ParamContext;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A base initializer plus independent Gaussian noise: {@code w = base + ε}, {@code ε ~ N(0, s²)},
 * with an absolute {@code s = std} or a relative {@code s = relative · base.std(parameter)}. Base
 * and noise are independent, so {@code std(w) = √(std(base)² + s²)}. The base is drawn first, then
 * the noise, from the engine's generator.
 *
 * <p>Used to break the symmetry of structured inits (identity or orthogonal plus a little noise),
 * as in the "identity + noise" initialization of Le, Jaitly &amp; Hinton 2015 (arXiv:1504.00941)
 * and the perturbed inits of Zhu et al. 2021 (GradInit, arXiv:2102.08098). Example: {@code
 * noisy(base=identity, std=0.01)}, {@code noisy(base=orthogonal, relative=0.1)}.
 *
 * @param base the initializer perturbed
 * @param amount the noise std, or the ratio to the base std when {@code relative}
 * @param relative whether {@code amount} is relative to the base std
 */
public record Noisy(Initializer base, double amount, boolean relative) implements Initializer {

    public Noisy {
        Objects.requireNonNull(base, "base");
        Check.argument(
                amount >= 0 && Double.isFinite(amount),
                "noisy",
                relative ? "relative" : "std",
                ">= 0 and finite",
                amount);
    }

    @Override
    public void checkFits(ParamContext context) {
        base.checkFits(context);
    }

    @Override
    public void checkFits(Model model) {
        base.checkFits(model);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        NDArray w = base.sample(context, manager);
        try (NDArray noise =
                manager.randomNormal(
                        0f, (float) noiseStd(context), context.shape(), DataType.FLOAT32)) {
            w.addi(noise);
        }
        return w;
    }

    @Override
    public double std(ParamContext context) {
        return Math.hypot(base.std(context), noiseStd(context));
    }

    /** Gaussian when the base is a constant or a Gaussian; empty otherwise. */
    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        if (base instanceof Constant c) {
            return Initializer.gaussian(c.value(), noiseStd(context));
        }
        if (base instanceof Normal n) {
            return Initializer.gaussian(n.mean(), std(context));
        }
        return Optional.empty();
    }

    /** The noise std s for this parameter. */
    public double noiseStd(ParamContext context) {
        return relative ? amount * base.std(context) : amount;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("noisy")
                .arg("base", base)
                .arg(relative ? "relative" : "std", amount)
                .build();
    }
}
