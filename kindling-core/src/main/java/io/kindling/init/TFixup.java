package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.nn.LayerKind;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.ParamContext;
import io.kindling.nn.ResidualPosition;
import io.kindling.nn.Transformer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * T-Fixup for a decoder of N blocks trained without layer norm or warm-up (Huang, Perez, Ba &amp;
 * Volkovs, "Improving Transformer Optimization Through Better Initialization", ICML 2020, §3.3):
 *
 * <pre>
 * input embeddings            w ~ N(0, d^−1)·(9N)^(−1/4)   std = d^(−1/2)·(9N)^(−1/4), d = dim
 * value, attention_out,       w = xavier_normal·(9N)^(−1/4)  std = √(2/(fan_in+fan_out))·(9N)^(−1/4)
 * mlp_in, mlp_out
 * every other weight          w = xavier_normal               (query, key, a separate head)
 * </pre>
 *
 * (The paper's encoder rule, 0.67·N^(−1/4), has no place in a decoder-only model.) A parameter
 * without a projection is scaled when it sits in a residual branch. N is {@code n}, or {@code
 * auto}: the residual branches the model declares (a gpt declares its blocks). Example: {@code
 * t_fixup}, {@code t_fixup(n=12)}; the ready-made plan {@code init: t_fixup} pairs it with {@code
 * gpt(norm=none)}.
 *
 * @param n N, or empty for auto
 */
public record TFixup(OptionalInt n) implements Initializer {

    private static final Set<String> SCALED = Set.of("value", "attention_out", "mlp_in", "mlp_out");

    public TFixup {
        n.ifPresent(v -> Check.argument(v > 0, "t_fixup", "n", "an integer > 0 or auto", v));
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        double factor = Math.pow(9.0 * blocks(context), -0.25);
        if (context.layer() == LayerKind.EMBEDDING) {
            return factor / Math.sqrt(context.fanIn());
        }
        double xavier = Math.sqrt(2.0 / (context.fanIn() + context.fanOut()));
        return scaled(context) ? xavier * factor : xavier;
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(0, std(context));
    }

    /** Whether the parameter gets the (9N)^(−1/4) factor. */
    public static boolean scaled(ParamContext context) {
        if (context.layer() == LayerKind.EMBEDDING) {
            return true;
        }
        return context.tag(Transformer.PROJECTION).isEmpty()
                ? context.residual() != null
                : SCALED.contains(context.tag(Transformer.PROJECTION));
    }

    private int blocks(ParamContext context) {
        if (n.isPresent()) {
            return n.getAsInt();
        }
        if (context.residual() != null) {
            return context.residual().branches();
        }
        throw new ConfigException(
                "t_fixup(n=auto) cannot count the blocks from parameter "
                        + context.name()
                        + ", which sits outside every residual branch; give n");
    }

    @Override
    public Initializer bind(Model model) {
        if (n.isPresent()) {
            return this;
        }
        OptionalInt blocks =
                model.parameters().stream()
                        .map(ModelParameter::context)
                        .map(ParamContext::residual)
                        .filter(r -> r != null)
                        .mapToInt(ResidualPosition::branches)
                        .max();
        return blocks.isPresent() ? new TFixup(blocks) : this;
    }

    @Override
    public void checkFits(Model model) {
        if (n.isEmpty() && !model.hasResidualBranches()) {
            throw new ConfigException(
                    "t_fixup(n=auto) needs a model with residual branches (a gpt); "
                            + model.spec().print()
                            + " has none; give n");
        }
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call("t_fixup");
        return (n.isPresent() ? b.arg("n", n.getAsInt()) : b.arg("n", "auto")).build();
    }
}
