package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * GPT-2's scaled residual init: a layer whose output is added back to the residual stream (the last
 * layer of a residual branch, {@link ParamContext#residualOut()}, GPT-2's {@code c_proj}) gets the
 * base sample divided by √(2N):
 *
 * <pre>
 * residual_out     w = base / √(2N)     std = std(base) / √(2N)     (factor=auto)
 *                  w = base / factor    std = std(base) / factor    (factor=F)
 * any other        w = base             std = std(base)
 * </pre>
 *
 * <p>N is {@link io.kindling.nn.ResidualPosition#branches()} of the parameter, the number of
 * residual branches the model declares. GPT-2 (nanoGPT: {@code std=0.02/√(2·n_layer)}) counts
 * transformer blocks, each of which adds two branches (attention, MLP) to the stream; a transformer
 * builder that wants GPT-2's numbers declares its blocks as the branches, or passes {@code factor}
 * explicitly. With the default base {@code normal(std=0.02)} and 12 blocks the projections get std
 * 0.02/√24 ≈ 0.00408.
 *
 * <p>Radford, Wu, Child, Luan, Amodei &amp; Sutskever, "Language Models are Unsupervised Multitask
 * Learners", 2019, §2.3. Example: {@code scaled_residual}, {@code
 * scaled_residual(base=normal(std=0.02), factor=4)}.
 *
 * @param base the unscaled initializer (default {@code normal(std=0.02)})
 * @param factor the divisor, or empty for auto = √(2N)
 */
public record ScaledResidual(Initializer base, OptionalDouble factor) implements Initializer {

    public ScaledResidual {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(factor, "factor");
        factor.ifPresent(f -> Check.argument(f > 0, "scaled_residual", "factor", "> 0 or auto", f));
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        NDArray w = base.sample(context, manager);
        return context.residualOut() ? w.muli((float) (1 / divisor(context))) : w;
    }

    @Override
    public double std(ParamContext context) {
        return context.residualOut() ? base.std(context) / divisor(context) : base.std(context);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return DepthInitializers.scaled(base.density(context), 1 / divisor(context));
    }

    /** √(2N) with N the branch count, or the explicit factor; 1 outside residual outputs. */
    public double divisor(ParamContext context) {
        if (!context.residualOut()) {
            return 1;
        }
        return factor.orElse(Math.sqrt(2.0 * context.residual().branches()));
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call("scaled_residual").arg("base", base);
        return (factor.isPresent()
                        ? b.arg("factor", factor.getAsDouble())
                        : b.arg("factor", "auto"))
                .build();
    }
}
