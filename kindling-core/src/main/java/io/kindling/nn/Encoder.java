package io.kindling.nn;

import static io.kindling.config.ArgumentException.require;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.engine.Scalars;
import io.kindling.nn.ExampleShape.Row;
import io.kindling.nn.ExampleShape.Steps;
import io.kindling.nn.Transformer.Placement;
import java.util.Locale;
import java.util.Objects;

/**
 * A bidirectional Transformer encoder that classifies token sequences, in the manner of BERT
 * (Devlin et al. 2019, arXiv:1810.04805):
 *
 * <pre>
 * ids (B, T) → wte (vocab, C) + wpe (context, C) → [dropout]
 *   → block1 … blockL ({@link Transformer#block}: every step attends to every step, or to every
 *     real token with pad=ID) → [ln_f (pre)]
 *   → pool: first (the first token's vector, BERT's [CLS]) or mean (over the real tokens)
 *   → head: linear (classes, C) → logits (B, classes)
 * </pre>
 *
 * The parameters are named and tagged as {@link Gpt}'s ({@code wte}, {@code wpe}, {@code
 * blockK.attn.query} …, {@code blockK.mlp_in}, {@code ln_f}, {@code head}), so the plans that
 * address Transformer projections ({@code gpt2}, {@code deepnet}, {@code t_fixup}, {@code mup})
 * apply unchanged; the vocabulary is the data's. DeepNorm's α is (2L)^(1/4), as for an encoder-only
 * DeepNet (Wang et al. 2022, arXiv:2203.00555).
 *
 * <p>Example: {@code encoder(layers=2, width=64, heads=4, context=64, pool=first, pad=0)}.
 *
 * @param layers L, Transformer blocks (≥ 1)
 * @param width C, features per step
 * @param heads attention heads; must divide width
 * @param context the longest sequence (rows of the position table)
 * @param norm where the layer norms sit
 * @param pool how the sequence becomes one vector
 * @param pad the token id that marks padding (hidden from attention and from mean pooling), or −1
 *     for none
 * @param dropout drop probability after the embeddings and on each sublayer's output
 */
public record Encoder(
        int layers,
        int width,
        int heads,
        int context,
        Placement norm,
        Pool pool,
        int pad,
        double dropout)
        implements ModelSpec {

    /** What {@code kindling models} says about the family. */
    public static final String SUMMARY =
            "bidirectional Transformer encoder classifying token sequences (BERT): encoder(layers,"
                    + " width, heads, context, norm=pre|post|deepnorm|none, pool=mean|first,"
                    + " pad=none|ID, dropout=0)";

    /** How the encoded sequence becomes one vector. */
    public enum Pool {
        /** The mean over the steps (over the real tokens when there is padding). */
        MEAN,
        /** The first step's vector (BERT's [CLS] token). */
        FIRST;

        /** The expression's text. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Encoder {
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(pool, "pool");
        Transformer.checkStack("encoder", layers, width, heads, context, dropout);
        require(pad >= -1, "encoder", "pad", "none or a token id >= 0", pad);
    }

    /** Reads {@code encoder(...)}; every default is here and every rule in the constructor. */
    public static Encoder fromArgs(Args a) {
        boolean none = Transformer.absentOr(a, "pad", "none");
        return new Encoder(
                a.integer("layers", 2),
                a.integer("width", 64),
                a.integer("heads", 4),
                a.integer("context", 64),
                Placement.read(a),
                Pool.valueOf(a.choice("pool", "mean", "mean", "first").toUpperCase(Locale.ROOT)),
                none ? -1 : a.integer("pad", 0),
                a.number("dropout", 0));
    }

    /** DeepNorm's α for L blocks, (2L)^(1/4); 1 for the other placements. */
    public double alpha() {
        return norm.alpha(layers);
    }

    @Override
    public Model build(InputShape input, int outputs) {
        ModelBuilder b = new ModelBuilder(this, input).then(Embeddings.tokens());
        PaddingMask padding = pad >= 0 ? new PaddingMask(pad) : null;
        if (padding != null) {
            b.then(Embeddings.padding(padding));
        }
        b.declareBranches(layers).then(Transformer.inputs(input.vocab(), width, context, dropout));
        Transformer.Blocks blocks =
                new Transformer.Blocks(
                        heads,
                        1 / Math.sqrt((double) width / heads),
                        padding != null ? SelfAttention.Mask.PADDING : SelfAttention.Mask.NONE,
                        padding,
                        norm,
                        alpha(),
                        dropout);
        b.then(Transformer.stack(layers, blocks));
        return b.then(
                        m -> {
                            long c = m.expect(Steps.class, "pool", "pooling needs steps").width();
                            m.add(new Pooling(pool, padding));
                            m.reshape(new Row(c));
                        })
                .then(Dense.linear("head", outputs, Activation.IDENTITY, "head"))
                .build();
    }

    @Override
    public Call toExpr() {
        CallBuilder c =
                CallBuilder.call("encoder")
                        .arg("layers", layers)
                        .arg("width", width)
                        .arg("heads", heads)
                        .arg("context", context)
                        .arg("norm", norm.text())
                        .arg("pool", pool.text());
        c = pad >= 0 ? c.arg("pad", pad) : c.arg("pad", "none");
        return c.arg("dropout", dropout).build();
    }

    /** (B, T, C) → (B, C): the first step, or the mean over the (real) steps. */
    private static final class Pooling extends AbstractBlock {

        private final Pool pool;
        private final PaddingMask padding;

        Pooling(Pool pool, PaddingMask padding) {
            super((byte) 1);
            this.pool = pool;
            this.padding = padding;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            if (pool == Pool.FIRST) {
                return new NDList(x.get(new NDIndex(":, 0, :")));
            }
            if (padding == null) {
                return new NDList(x.mean(new int[] {1}));
            }
            NDArray kept = padding.kept(x.getDataType()).expandDims(2);
            NDArray count = kept.sum(new int[] {1}).maximum(Scalars.like(kept, 1));
            return new NDList(x.mul(kept).sum(new int[] {1}).div(count));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] {new Shape(s.get(0), s.get(2))};
        }

        @Override
        public String toString() {
            return "Pooling(" + pool.text() + ")";
        }
    }
}
