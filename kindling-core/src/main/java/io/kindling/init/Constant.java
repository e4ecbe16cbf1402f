package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * Fills with a constant: {@code w = value}. {@code zeros} is {@code constant(value=0)} and {@code
 * ones} is {@code constant(value=1)}, as {@code torch.nn.init.constant_}.
 *
 * <p>Example: {@code constant(value=0.1)}.
 *
 * @param value the constant
 */
public record Constant(double value) implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return manager.full(context.shape(), (float) value, DataType.FLOAT32);
    }

    @Override
    public double std(ParamContext context) {
        return 0;
    }

    @Override
    public Call toExpr() {
        if (value == 0) {
            return CallBuilder.call("zeros").build();
        }
        if (value == 1) {
            return CallBuilder.call("ones").build();
        }
        return CallBuilder.call("constant").arg("value", value).build();
    }
}
