package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.nn.Transformer.Placement;
import java.util.Objects;

/**
 * A decoder-only Transformer language model in the shape of GPT-2 (nanoGPT's {@code model.py}):
 *
 * <pre>
 * ids (B, T) → wte (vocab, C) + wpe (context, C) → [dropout]
 *   → block1 … blockL ({@link Transformer#block}, causal attention, norm placement below)
 *   → [ln_f (pre)] → head: x·wteᵀ (tied) or linear (vocab, C) without bias → logits (B, T, vocab)
 *
 * norm=pre | post | deepnorm (α = (2L)^(1/4)) | none, as {@link Transformer} draws them
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

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "decoder-only Transformer language model (GPT-2): gpt(layers, width,"
                    + " heads, context, vocab=auto, norm=pre|post|deepnorm|none,"
                    + " tie_embeddings=true, dropout=0, mup_base_width=0)";

    public Gpt {
        Objects.requireNonNull(norm, "norm");
        Transformer.checkStack("gpt", layers, width, heads, context, dropout);
        require(vocab >= 0, "gpt", "vocab", "auto or >= 1 (the data's vocabulary)", vocab);
        require(
                mupBaseWidth >= 0 && mupBaseWidth % heads == 0,
                "gpt",
                "mup_base_width",
                "0 (off) or a multiple of heads=" + heads,
                mupBaseWidth);
    }

    /** Reads {@code gpt(...)}; every default is here and every rule in the constructor. */
    public static Gpt fromArgs(Args a) {
        boolean auto = Transformer.absentOr(a, "vocab", "auto");
        return new Gpt(
                a.integer("layers", 4),
                a.integer("width", 128),
                a.integer("heads", 4),
                a.integer("context", 64),
                auto ? 0 : a.positiveInt("vocab", 1),
                Placement.read(a),
                a.bool("tie_embeddings", true),
                a.number("dropout", 0),
                a.integer("mup_base_width", 0));
    }

    /** DeepNorm's α for a decoder of L blocks, (2L)^(1/4); 1 for the other placements. */
    public double alpha() {
        return norm.alpha(layers);
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
        ModelBuilder b = new ModelBuilder(this, input).then(Embeddings.tokens());
        b.declareBranches(layers);
        if (mupBaseWidth > 0) {
            b.widthMultiplier((double) width / mupBaseWidth);
        }
        b.then(Transformer.inputs(outputs, width, context, dropout));
        Transformer.Blocks blocks =
                new Transformer.Blocks(
                        heads,
                        attentionScale(),
                        SelfAttention.Mask.CAUSAL,
                        null,
                        norm,
                        alpha(),
                        dropout);
        b.then(Transformer.stack(layers, blocks));
        if (tieEmbeddings) {
            return b.then(Embeddings.tiedHead("wte", readoutMultiplier())).build();
        }
        return b.then(Dense.stepLinear("head", outputs, Activation.IDENTITY, "head", false))
                .constantScale(readoutMultiplier())
                .build();
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
