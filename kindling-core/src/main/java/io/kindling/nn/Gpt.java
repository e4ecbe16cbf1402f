package io.kindling.nn;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A decoder-only Transformer language model in the shape of GPT-2 (nanoGPT's {@code model.py}):
 *
 * <pre>
 * ids (B, T) → wte (vocab, C) + wpe (context, C) → [dropout]
 *   → block1 … blockL, each an attention sublayer and an MLP sublayer on the residual stream
 *   → [ln_f (pre)] → head: x·wteᵀ (tied) or linear (vocab, C) without bias → logits (B, T, vocab)
 *
 * norm=pre       x = x + Attn(LN(x));        x = x + MLP(LN(x))            (GPT-2)
 * norm=post      x = LN(x + Attn(x));        x = LN(x + MLP(x))            (Vaswani et al. 2017)
 * norm=deepnorm  x = LN(α·x + Attn(x));      x = LN(α·x + MLP(x)),  α = (2L)^(1/4)
 * norm=none      x = x + Attn(x);            x = x + MLP(x)                (T-Fixup's setting)
 * MLP(x) = W_out·GELU(W_in·x + b_in) + b_out,  W_in (4C, C), W_out (C, 4C)
 * </pre>
 *
 * Every weight is labelled with its projection ({@code token_embedding}, {@code
 * position_embedding}, {@code query}, {@code key}, {@code value}, {@code attention_out}, {@code
 * mlp_in}, {@code mlp_out}, {@code head}), and the model declares its L blocks as the residual
 * branches, so GPT-2's 1/√(2L), DeepNet's β and T-Fixup apply by plan rules. DeepNorm's α (decoder
 * only: α = (2M)^(1/4), M = L; Wang et al. 2022, arXiv:2203.00555) is applied here on the shortcut.
 *
 * <p>With {@code mup_base_width=W0} the model follows μP's forward changes (Yang et al. 2022,
 * arXiv:2203.03466, Table 3 and §4): attention scores scaled by √(d0)/d instead of 1/√d (d = C/H,
 * d0 = W0/H: proportional to 1/d and equal to standard attention at the base width), logits scaled
 * by the readout multiplier W0/C, and every parameter's width multiplier set to C/W0 for the μP
 * init and optimizer groups.
 *
 * <p>Example: {@code gpt(layers=4, width=128, heads=4, context=64)}.
 *
 * @param layers L, Transformer blocks (≥ 1)
 * @param width C, features per step
 * @param heads attention heads; must divide width
 * @param context the longest sequence (rows of the position table)
 * @param vocab vocabulary size, or 0 to take the data's
 * @param norm where the layer norms sit
 * @param tieEmbeddings whether the head reuses the token embedding
 * @param dropout drop probability after the embeddings and on each sublayer's output
 * @param mupBaseWidth μP's base width W0, or 0 for the standard parametrization
 */
public record Gpt(
        int layers,
        int width,
        int heads,
        int context,
        int vocab,
        Placement norm,
        boolean tieEmbeddings,
        double dropout,
        int mupBaseWidth)
        implements ModelSpec {

    private static final Activation GELU = new Activation("gelu", 0);

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
    }

    public Gpt {
        Objects.requireNonNull(norm, "norm");
        if (layers < 1 || width < 1 || heads < 1 || context < 1 || vocab < 0) {
            throw new IllegalArgumentException(
                    "gpt needs layers, width, heads, context >= 1 and vocab >= 0");
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException(
                    "gpt width=" + width + " is not divisible by heads=" + heads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("gpt dropout must be in [0, 1), got " + dropout);
        }
        if (mupBaseWidth < 0 || (mupBaseWidth > 0 && mupBaseWidth % heads != 0)) {
            throw new IllegalArgumentException(
                    "gpt mup_base_width must be 0 (off) or a multiple of heads=" + heads);
        }
    }

    /** DeepNorm's α for a decoder of L blocks, (2L)^(1/4); 1 for the other placements. */
    public double alpha() {
        return norm == Placement.DEEPNORM ? Math.pow(2.0 * layers, 0.25) : 1;
    }

    /** The attention score multiplier: 1/√d, or √d0/d under μP. */
    public double attentionScale() {
        double d = (double) width / heads;
        return mupBaseWidth > 0 ? Math.sqrt((double) mupBaseWidth / heads) / d : 1 / Math.sqrt(d);
    }

    /** The readout multiplier on the logits: 1, or W0/C under μP. */
    public double readoutMultiplier() {
        return mupBaseWidth > 0 ? (double) mupBaseWidth / width : 1;
    }

    @Override
    public Model build(InputShape input, int outputs) {
        if (vocab > 0 && vocab != outputs) {
            throw new ConfigException(
                    print()
                            + ": vocab="
                            + vocab
                            + " but the data's vocabulary has "
                            + outputs
                            + " tokens; leave vocab out (auto) or match the data");
        }
        ModelBuilder b = new ModelBuilder(this, input).tokens();
        b.declareBranches(layers);
        if (mupBaseWidth > 0) {
            b.widthMultiplier((double) width / mupBaseWidth);
        }
        b.embedding("wte", outputs, width, "token_embedding");
        b.positionEmbedding("wpe", context);
        b.dropout(dropout, DropoutType.STANDARD);
        for (int k = 1; k <= layers; k++) {
            String block = "block" + k;
            sublayer(
                    b,
                    block + ".attention",
                    block + ".ln_1",
                    f -> f.attention(block + ".attn", heads, attentionScale()));
            sublayer(
                    b,
                    block + ".mlp",
                    block + ".ln_2",
                    f ->
                            f.stepLinear(block + ".mlp_in", 4L * width, GELU, "mlp_in", true)
                                    .activate(GELU)
                                    .stepLinear(
                                            block + ".mlp_out",
                                            width,
                                            Activation.IDENTITY,
                                            "mlp_out",
                                            true));
        }
        if (norm == Placement.PRE) {
            b.featureNorm("ln_f");
        }
        if (tieEmbeddings) {
            b.tiedHead("wte", readoutMultiplier());
        } else {
            b.stepLinear("head", outputs, Activation.IDENTITY, "head", false)
                    .constantScale(readoutMultiplier());
        }
        return b.build();
    }

    private void sublayer(
            ModelBuilder b, String name, String normName, Consumer<ModelBuilder> body) {
        b.residual(
                name,
                f -> {
                    if (norm == Placement.PRE) {
                        f.featureNorm(normName);
                    }
                    body.accept(f);
                    f.dropout(dropout, DropoutType.STANDARD);
                },
                norm == Placement.DEEPNORM ? s -> s.constantScale(alpha()) : null);
        if (norm == Placement.POST || norm == Placement.DEEPNORM) {
            b.featureNorm(normName);
        }
        b.stream(name);
    }

    @Override
    public Call toExpr() {
        CallBuilder c =
                CallBuilder.call("gpt")
                        .arg("layers", layers)
                        .arg("width", width)
                        .arg("heads", heads)
                        .arg("context", context);
        c = vocab > 0 ? c.arg("vocab", vocab) : c.arg("vocab", "auto");
        c = c.arg("norm", norm.text()).arg("tie_embeddings", tieEmbeddings).arg("dropout", dropout);
        return (mupBaseWidth > 0 ? c.arg("mup_base_width", mupBaseWidth) : c).build();
    }
}
