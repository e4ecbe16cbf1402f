package io.kindling.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.kindling.nn.ModelParameter;
import java.util.List;

/** What the loop measures on a step's gradients: their global norm, and where NaN/∞ begin. */
final class Gradients {

    private Gradients() {}

    /** √Σ‖g‖² over every gradient, in float64 on the engine. */
    static double globalNorm(NDArray[] grads) {
        double sum = 0;
        for (NDArray g : grads) {
            sum += g.toType(DataType.FLOAT64, false).square().sum().getDouble();
        }
        return Math.sqrt(sum);
    }

    /** The first parameter (in model order) whose values or gradient are not finite. */
    static String firstNonFinite(List<ModelParameter> params) {
        for (ModelParameter p : params) {
            NDArray a = p.array();
            if (!finite(a)) {
                return p.name() + " (values)";
            }
            if (!finite(a.getGradient())) {
                return p.name() + " (gradient)";
            }
        }
        return "none (the loss itself)";
    }

    private static boolean finite(NDArray a) {
        return a.isInfinite().logicalOr(a.isNaN()).none().getBoolean();
    }
}
