package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import ai.djl.nn.core.Linear;
import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.Expr;
import io.kindling.nn.ExampleShape.Steps;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Transformer layers on a sequence of vectors: multi-head self-attention with a mask policy, the
 * position-wise MLP, and whole blocks (an attention sublayer and an MLP sublayer on the residual
 * stream) with the layer norms placed pre, post, DeepNorm-style or not at all:
 *
 * <pre>
 * norm=pre       x = x + Attn(LN(x));        x = x + MLP(LN(x))            (GPT-2)
 * norm=post      x = LN(x + Attn(x));        x = LN(x + MLP(x))            (Vaswani et al. 2017)
 * norm=deepnorm  x = LN(α·x + Attn(x));      x = LN(α·x + MLP(x))          (Wang et al. 2022)
 * norm=none      x = x + Attn(x);            x = x + MLP(x)                (T-Fixup's setting)
 * MLP(x) = W_out·GELU(W_in·x + b_in) + b_out,  W_in (4C, C), W_out (C, 4C)
 * </pre>
 *
 * Every weight carries its {@link #PROJECTION} tag, so init plans address them by role in the block
 * (GPT-2's 1/√(2L) on {@code mlp_out} and {@code attention_out}, DeepNet's β on {@code value}, …).
 */
public final class Transformer {

    /** What a Transformer parameter projects; declared here, once, for every family that has it. */
    public static final TagKey PROJECTION =
            TagKey.closed(
                    "projection",
                    "what a Transformer parameter projects",
                    Stream.concat(
                                    SelfAttention.PROJECTIONS.stream(),
                                    Stream.of(
                                            "mlp_in",
                                            "mlp_out",
                                            "token_embedding",
                                            "position_embedding",
                                            "head"))
                            .toList());

    private static final Activation GELU = new Activation("gelu", 0);

    private Transformer() {}

    /** Where the layer norms sit relative to the residual sum. */
    public enum Placement {
        PRE,
        POST,
        DEEPNORM,
        NONE;

        /** The text form, e.g. {@code deepnorm}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** DeepNorm's α on the shortcut of a stack of L blocks, (2L)^(1/4); 1 otherwise. */
        public double alpha(int layers) {
            return this == DEEPNORM ? Math.pow(2.0 * layers, 0.25) : 1;
        }

        /** A family's {@code norm} argument, {@code pre} when it is not given. */
        public static Placement read(Args a) {
            return valueOf(
                    a.choice("norm", "pre", "pre", "post", "deepnorm", "none")
                            .toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The rules every stack of Transformer blocks has, checked by the families that build one.
     *
     * @param family the family's name, e.g. {@code gpt}
     * @throws io.kindling.config.ArgumentException naming the first argument that breaks one
     */
    public static void checkStack(
            String family, int layers, int width, int heads, int context, double dropout) {
        require(layers >= 1, family, "layers", ">= 1", layers);
        require(width >= 1, family, "width", ">= 1", width);
        require(heads >= 1, family, "heads", ">= 1", heads);
        require(context >= 1, family, "context", ">= 1", context);
        require(
                width % heads == 0,
                family,
                "heads",
                "a divisor of width=" + width + " (each head gets width/heads features)",
                heads);
        require(
                dropout >= 0 && dropout < 1,
                family,
                "dropout",
                "a drop probability in [0, 1)",
                dropout);
    }

    /** Whether an argument is absent or written as the bare word {@code word} (auto, none). */
    static boolean absentOr(Args a, String key, String word) {
        Expr e = a.expr(key, null);
        return e == null || (e instanceof Call c && c.name().equals(word) && c.args().isEmpty());
    }

    /**
     * What every block of a stack shares.
     *
     * @param heads attention heads (dividing the width)
     * @param scale the attention score multiplier
     * @param mask which score pairs are hidden
     * @param padding the tokens' padding mask (mask=padding), or null
     * @param norm where the layer norms sit
     * @param alpha DeepNorm's multiplier on the shortcut (1 for the other placements)
     * @param dropout drop probability on each sublayer's output
     */
    public record Blocks(
            int heads,
            double scale,
            SelfAttention.Mask mask,
            PaddingMask padding,
            Placement norm,
            double alpha,
            double dropout) {}

    /**
     * Multi-head self-attention ({@link SelfAttention}); its query, key, value and output
     * projections are four weighted layers in this order, named {@code NAME.query} … {@code
     * NAME.attention_out} and tagged with those projections, each with an output probe, and the
     * attention probabilities get an {@link ProbeKind#ATTENTION} probe.
     *
     * @throws io.kindling.config.ConfigException if heads does not divide the width
     */
    public static Layer attention(
            String name, int heads, double scale, SelfAttention.Mask mask, PaddingMask padding) {
        return b -> {
            long width =
                    b.expect(Steps.class, name, "attention needs a sequence of vectors").width();
            b.require(
                    heads >= 1 && width % heads == 0,
                    name,
                    "width "
                            + width
                            + " is not divisible by heads="
                            + heads
                            + "; pick heads among the divisors of the width");
            Map<String, Probe> seen = new HashMap<>();
            SelfAttention a = new SelfAttention(width, heads, scale, seen, mask, padding);
            for (String projection : SelfAttention.PROJECTIONS) {
                String layer = name + "." + projection;
                b.startLayer(layer, Activation.IDENTITY);
                Linear l = a.projection(projection);
                Dense.recordLinear(b, l, layer, width, width, true, projection);
                seen.put(projection, b.probe(layer, ProbeKind.OUTPUT));
            }
            seen.put("attention", b.probe(name, ProbeKind.ATTENTION));
            b.add(a);
        };
    }

    /** The position-wise MLP: {@code NAME.mlp_in} (4C) → GELU → {@code NAME.mlp_out} (C). */
    public static Layer mlp(String block) {
        return b -> {
            long width = b.expect(Steps.class, block + ".mlp_in", "an MLP needs vectors").width();
            b.then(Dense.stepLinear(block + ".mlp_in", 4L * width, GELU, "mlp_in", true))
                    .activate(GELU)
                    .then(
                            Dense.stepLinear(
                                    block + ".mlp_out",
                                    width,
                                    Activation.IDENTITY,
                                    "mlp_out",
                                    true));
        };
    }

    /**
     * One Transformer block named {@code NAME}: {@code NAME.attention} (attention {@code
     * NAME.attn}, norm {@code NAME.ln_1}) and {@code NAME.mlp} (norm {@code NAME.ln_2}), each a
     * residual branch with a stream probe.
     */
    public static Layer block(String name, Blocks s) {
        return b -> {
            sublayer(
                    b,
                    s,
                    name + ".attention",
                    name + ".ln_1",
                    f ->
                            f.then(
                                    attention(
                                            name + ".attn",
                                            s.heads(),
                                            s.scale(),
                                            s.mask(),
                                            s.padding())));
            sublayer(b, s, name + ".mlp", name + ".ln_2", f -> f.then(mlp(name)));
        };
    }

    /**
     * A Transformer's input: token vectors {@code wte} (vocab, C) plus learned positions {@code
     * wpe} (context, C), then dropout (GPT-2's and BERT's embeddings, without BERT's segment table
     * and layer norm).
     */
    public static Layer inputs(long vocab, long width, long context, double dropout) {
        return b ->
                b.then(Embeddings.embedding("wte", vocab, width, "token_embedding"))
                        .then(Embeddings.positions("wpe", context))
                        .dropout(dropout, DropoutType.STANDARD);
    }

    /**
     * {@code layers} blocks named {@code block1} … {@code blockL}, then the final layer norm {@code
     * ln_f} when the norms sit before each sublayer.
     */
    public static Layer stack(int layers, Blocks s) {
        return b -> {
            for (int k = 1; k <= layers; k++) {
                b.then(block("block" + k, s));
            }
            if (s.norm() == Placement.PRE) {
                b.then(Dense.featureNorm("ln_f"));
            }
        };
    }

    private static void sublayer(
            ModelBuilder b, Blocks s, String name, String normName, Consumer<ModelBuilder> body) {
        b.residual(
                name,
                f -> {
                    if (s.norm() == Placement.PRE) {
                        f.then(Dense.featureNorm(normName));
                    }
                    body.accept(f);
                    f.dropout(s.dropout(), DropoutType.STANDARD);
                },
                s.norm() == Placement.DEEPNORM ? k -> k.constantScale(s.alpha()) : null);
        if (s.norm() == Placement.POST || s.norm() == Placement.DEEPNORM) {
            b.then(Dense.featureNorm(normName));
        }
        b.stream(name);
    }
}
