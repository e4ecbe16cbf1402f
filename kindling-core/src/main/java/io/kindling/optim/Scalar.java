package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A 0-dimensional engine tensor holding a hyper-parameter, made once per step and shared by
 * every parameter's update: each {@code mul(Number)} would otherwise create and free its own
 * scalar tensor, two extra native calls per parameter per hyper-parameter.
 */
final class Scalar {

    private Scalar() {}

    /**
     * A scalar in the same manager and precision as {@code like}.
     *
     * @param like an update of the step (its manager owns the scalar)
     * @param value the value
     * @return a 0-d tensor, float64 for float64 updates and float32 otherwise
     */
    static NDArray like(NDArray like, double value) {
        return like.getDataType() == DataType.FLOAT64
                ? like.getManager().create(value)
                : like.getManager().create((float) value);
    }
}
