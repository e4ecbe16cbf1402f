package io.kindling.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * 0-dimensional engine tensors for constants and hyper-parameters, in the manager and precision of
 * the tensor they combine with.
 *
 * <p>Use these instead of {@code x.mul(Number)}: DJL turns a Number operand into a tensor over a
 * Java buffer and releases it at once, but autograd keeps that tensor for the backward pass of
 * {@code mul}/{@code pow}, which then reads freed memory. A scalar made here lives until its
 * manager (the step's scope) closes, after backward. In optimizer updates, one scalar per
 * hyper-parameter per step, shared by all parameters, also saves two native calls per tensor.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A scalar in the same manager and precision as {@code like}.
     *
     * @param like a tensor of the computation (its manager owns the scalar)
     * @param value the value
     * @return a 0-d tensor, float64 for float64 {@code like} and float32 otherwise
     */
    public static NDArray like(NDArray like, double value) {
        return like.getDataType() == DataType.FLOAT64
                ? like.getManager().create(value)
                : like.getManager().create((float) value);
    }
}
