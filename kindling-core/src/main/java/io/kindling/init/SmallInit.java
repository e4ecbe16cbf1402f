package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.LayerKind;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * "Small init": {@code w ~ N(0, 2/(5d))}, std = √(2/(5d)) with d the model width — the Xavier
 * normal variance of a (d, 4d) layer, smaller than the usual 1/d (Nguyen &amp; Salazar,
 * "Transformers without Tears: Improving the Normalization of Self-Attention", 2019,
 * arXiv:1910.05895, §3; GPT-NeoX's {@code small_init}). d is the embedding's dim (its fan-in) for
 * an embedding, the smaller fan for a linear layer (an MLP's (4d, d) and (d, 4d) both give d). The
 * ready-made plan {@code init: small_init} applies it to the embeddings. Example: {@code
 * small_init}.
 */
public record SmallInit() implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return Math.sqrt(2.0 / (5.0 * width(context)));
    }

    /** d: the dim of an embedding, the smaller fan of any other weight. */
    public static long width(ParamContext context) {
        return context.layer() == LayerKind.EMBEDDING
                ? context.fanIn()
                : Math.min(context.fanIn(), context.fanOut());
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(0, std(context));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("small_init").build();
    }
}
