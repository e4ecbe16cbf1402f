package io.kindling.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** A transform that keeps no buffers (scaling, coupled weight decay, clipping, …). */
public interface StatelessTransform extends GradientTransform {

    @Override
    default TransformState init(List<NDArray> params, NDManager manager) {
        return TransformState.empty();
    }
}
