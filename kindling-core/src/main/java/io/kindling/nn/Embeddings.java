package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import io.kindling.nn.ExampleShape.Steps;
import io.kindling.nn.ExampleShape.TokenIds;

/**
 * Layers over token sequences: reading token ids, embedding tables (learned token and position
 * vectors), and a head tied to an embedding.
 */
public final class Embeddings {

    private Embeddings() {}

    /**
     * Reads each row as a sequence of token ids {@code (B, steps)} (the first layer of every model
     * over tokens; an {@link #embedding} must follow).
     *
     * @throws io.kindling.config.ConfigException if the data are not token sequences
     */
    public static Layer tokens() {
        return b -> {
            InputShape input = b.input();
            if (!input.isTokens()) {
                throw b.dataError(
                        "reads token sequences, but the data are "
                                + input
                                + "; use a text dataset such as text(path='corpus.txt',"
                                + " context=64)");
            }
            b.reshape(new TokenIds(input.steps()));
        };
    }

    /**
     * Remembers where the token {@code padId} is in each batch ({@link PaddingMask}), for attention
     * with {@code mask=padding} and for mean pooling; place it on the token ids.
     */
    public static Layer padding(PaddingMask mask) {
        return b -> {
            b.expect(
                    TokenIds.class, "padding", "padding is found in token ids (read tokens first)");
            b.add(mask);
        };
    }

    /**
     * An embedding table, PyTorch's {@code nn.Embedding(num, dim)}: token ids {@code (B, T)} become
     * vectors {@code (B, T, dim)}. The weight (num, dim) is recorded as {@link LayerKind#EMBEDDING}
     * with PyTorch's fans for a 2-D weight (fan-in = dim, fan-out = num).
     *
     * @param name layer name, e.g. {@code wte}
     * @param num table rows (the vocabulary)
     * @param dim vector size
     * @param projection the weight's projection tag, e.g. {@code token_embedding}, or ""
     */
    public static Layer embedding(String name, long num, long dim, String projection) {
        return b -> {
            long steps =
                    b.expect(
                                    TokenIds.class,
                                    name,
                                    "an embedding reads token ids (read tokens first)")
                            .steps();
            TokenEmbedding e = new TokenEmbedding(num, dim);
            b.startLayer(name, Activation.IDENTITY);
            b.add(e);
            b.record(
                            e,
                            "weight",
                            name,
                            new Shape(num, dim),
                            LayerKind.EMBEDDING,
                            Role.WEIGHT,
                            dim,
                            num)
                    .tag(Transformer.PROJECTION, projection);
            b.remember(name, e);
            b.reshape(new Steps(steps, dim));
            b.observe(ProbeKind.OUTPUT);
        };
    }

    /**
     * Learned absolute positions added to a sequence of vectors (GPT-2's {@code wpe}), a table of
     * (context, dim) recorded as an embedding with projection {@code position_embedding}.
     *
     * @throws io.kindling.config.ConfigException if the sequence is longer than {@code context}
     */
    public static Layer positions(String name, long context) {
        return b -> {
            Steps s = b.expect(Steps.class, name, "position embeddings need a sequence of vectors");
            b.require(
                    s.steps() <= context,
                    name,
                    "the data's sequences have "
                            + s.steps()
                            + " steps but the model's context is "
                            + context
                            + "; raise context or shorten the data's examples");
            long dim = s.width();
            PositionEmbedding p = new PositionEmbedding(context, dim);
            b.add(p);
            b.record(
                            p,
                            "weight",
                            name,
                            new Shape(context, dim),
                            LayerKind.EMBEDDING,
                            Role.WEIGHT,
                            dim,
                            context)
                    .tag(Transformer.PROJECTION, "position_embedding");
        };
    }

    /**
     * A head tied to an embedding added earlier: logits = multiplier · x·Eᵀ (no parameter of its
     * own).
     */
    public static Layer tiedHead(String embedding, double multiplier) {
        return b -> {
            TokenEmbedding e = b.recall(embedding, TokenEmbedding.class);
            b.require(e != null, "head", "no embedding named " + embedding + " to tie to");
            Steps s = b.expect(Steps.class, "head", "a tied head needs a sequence of vectors");
            long vocab = e.weight().getShape() != null ? e.weight().getShape().get(0) : 0;
            b.add(new TiedHead(e.weight(), vocab, multiplier));
            b.reshape(new Steps(s.steps(), vocab));
        };
    }
}
