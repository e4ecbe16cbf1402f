package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * The identity matrix for a 2-D weight (out, in): {@code w[i][j] = 1 if i == j else 0}, also for
 * non-square shapes, as {@code torch.nn.init.eye_}; a linear layer so initialized passes the first
 * {@code min(out, in)} inputs through unchanged. Deterministic, so {@link #std} is 0 as for
 * constants.
 *
 * <p>Example: {@code eye} (IRNN's recurrent matrix, Le, Jaitly &amp; Hinton 2015,
 * arXiv:1504.00941).
 */
public record Eye() implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        long[] dims = context.shape().getShape();
        if (dims.length != 2) {
            throw new IllegalArgumentException(
                    "eye needs a 2-D weight (out, in), got shape "
                            + context.shape()
                            + " for "
                            + context.name());
        }
        return manager.eye((int) dims[0], (int) dims[1], 0, DataType.FLOAT32);
    }

    @Override
    public double std(ParamContext context) {
        return 0;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("eye").build();
    }
}
