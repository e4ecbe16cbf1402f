package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.ArgumentException;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Transformer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.DoubleUnaryOperator;

/**
 * DeepNet's init for Post-LN transformers with DeepNorm residuals {@code x_{l+1} = LN(α·x_l +
 * G(x_l))}: Xavier normal, {@code std = g·√(2/(fan_in+fan_out))}, with gain g = β on the
 * feed-forward, value and output projections and g = 1 on the query and key projections. N is the
 * number of encoder layers, M of decoder layers:
 *
 * <pre>
 * arch              stack     α (in the model)         β (this init)
 * encoder           encoder   (2N)^(1/4)               (8N)^(−1/4)
 * decoder           decoder   (2M)^(1/4)               (8M)^(−1/4)
 * encoder_decoder   encoder   0.81·(N⁴M)^(1/16)        0.87·(N⁴M)^(−1/16)
 *                   decoder   (3M)^(1/4)               (12M)^(−1/4)
 * </pre>
 *
 * <p>α multiplies the residual in the model and is not applied here; {@link #alpha} gives the value
 * for builders. A parameter is a query/key projection when its name contains {@code query}, {@code
 * key}, {@code q_proj} or {@code k_proj}; every other parameter the rule reaches gets β, so scope
 * the rule to the transformer's projections with a selector (a fused q·k·v weight gets β
 * throughout). In {@code encoder_decoder}, a parameter whose name contains {@code decoder} is in
 * the decoder. {@code n}/{@code m} {@code auto} take the parameter's {@link
 * io.kindling.nn.ResidualPosition#branches()}, or the model's total depth outside branches; {@code
 * encoder_decoder} needs both as numbers, because a parameter sees only its own stack.
 *
 * <p>Wang, Ma, Dong, Huang, Zhang &amp; Wei, "DeepNet: Scaling Transformers to 1,000 Layers", 2022,
 * arXiv:2203.00555, Figure 2 (pseudocode and the α, β table). A parameter whose projection ({@link
 * Transformer#PROJECTION} tag) is {@code query} or {@code key} also gets gain 1. Example: {@code
 * deepnorm(arch=decoder)}, {@code deepnorm(arch=encoder_decoder, n=12, m=12)}.
 *
 * @param arch which stacks the model has
 * @param n encoder layers, empty for auto (encoder and encoder_decoder only)
 * @param m decoder layers, empty for auto (decoder and encoder_decoder only)
 */
public record DeepNorm(Arch arch, OptionalInt n, OptionalInt m) implements Initializer {

    /** The model's stacks. */
    public enum Arch {
        ENCODER,
        DECODER,
        ENCODER_DECODER;

        /** The text form, e.g. {@code encoder_decoder}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeepNorm {
        Objects.requireNonNull(arch, "arch");
        if ((arch == Arch.ENCODER && m.isPresent()) || (arch == Arch.DECODER && n.isPresent())) {
            boolean encoder = arch == Arch.ENCODER;
            throw new ArgumentException(
                    "deepnorm",
                    encoder ? "m" : "n",
                    "is for arch="
                            + (encoder ? "decoder" : "encoder")
                            + " or encoder_decoder; arch="
                            + arch.label()
                            + " takes "
                            + (encoder ? "n (encoder layers)" : "m (decoder layers)"),
                    text(encoder ? m : n));
        }
        if (arch == Arch.ENCODER_DECODER && (n.isEmpty() || m.isEmpty())) {
            throw new ArgumentException(
                    "deepnorm",
                    n.isEmpty() ? "n" : "m",
                    "must be an integer with arch=encoder_decoder (n encoder layers, m decoder"
                            + " layers, e.g. n=6, m=6): a parameter sees only its own stack",
                    "auto");
        }
        n.ifPresent(v -> Check.argument(v > 0, "deepnorm", "n", "an integer > 0 or auto", v));
        m.ifPresent(v -> Check.argument(v > 0, "deepnorm", "m", "an integer > 0 or auto", v));
    }

    private static String text(OptionalInt layers) {
        return layers.isPresent() ? Integer.toString(layers.getAsInt()) : "auto";
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return gain(context) * Math.sqrt(2.0 / (context.fanIn() + context.fanOut()));
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(0, std(context));
    }

    /** 1 for query/key projections, β for every other parameter. */
    public double gain(ParamContext context) {
        return isQueryOrKey(context.name())
                        || context.tag(Transformer.PROJECTION).equals("query")
                        || context.tag(Transformer.PROJECTION).equals("key")
                ? 1
                : beta(context);
    }

    /** β for the parameter's stack. */
    public double beta(ParamContext context) {
        return switch (stack(context)) {
            case ENCODER ->
                    arch == Arch.ENCODER_DECODER
                            ? 0.87 * Math.pow(Math.pow(n.getAsInt(), 4) * m.getAsInt(), -1.0 / 16)
                            : Math.pow(8.0 * layers(n, context), -0.25);
            case DECODER ->
                    arch == Arch.ENCODER_DECODER
                            ? Math.pow(12.0 * m.getAsInt(), -0.25)
                            : Math.pow(8.0 * layers(m, context), -0.25);
            default -> throw new IllegalStateException();
        };
    }

    /** α, the residual multiplier the model applies, for the parameter's stack. */
    public double alpha(ParamContext context) {
        return switch (stack(context)) {
            case ENCODER ->
                    arch == Arch.ENCODER_DECODER
                            ? 0.81 * Math.pow(Math.pow(n.getAsInt(), 4) * m.getAsInt(), 1.0 / 16)
                            : Math.pow(2.0 * layers(n, context), 0.25);
            case DECODER ->
                    arch == Arch.ENCODER_DECODER
                            ? Math.pow(3.0 * m.getAsInt(), 0.25)
                            : Math.pow(2.0 * layers(m, context), 0.25);
            default -> throw new IllegalStateException();
        };
    }

    private Arch stack(ParamContext context) {
        if (arch != Arch.ENCODER_DECODER) {
            return arch;
        }
        return context.name().toLowerCase(Locale.ROOT).contains("decoder")
                ? Arch.DECODER
                : Arch.ENCODER;
    }

    private static int layers(OptionalInt given, ParamContext context) {
        if (given.isPresent()) {
            return given.getAsInt();
        }
        return context.residual() != null ? context.residual().branches() : context.totalDepth();
    }

    static boolean isQueryOrKey(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        return s.contains("query")
                || s.contains("key")
                || s.contains("q_proj")
                || s.contains("k_proj");
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call("deepnorm").arg("arch", arch.label());
        if (arch != Arch.DECODER) {
            b = n.isPresent() ? b.arg("n", n.getAsInt()) : b.arg("n", "auto");
        }
        if (arch != Arch.ENCODER) {
            b = m.isPresent() ? b.arg("m", m.getAsInt()) : b.arg("m", "auto");
        }
        return b.build();
    }
}
