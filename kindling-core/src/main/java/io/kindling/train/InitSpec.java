package io.kindling.train;

import io.kindling.init.InitPlan;
import io.kindling.init.Initializer;

/**
 * The initialization a run asked for: one initializer for the weights (biases and norm
 * shifts zero, norm gains one), as {@code --init EXPR} gives.
 *
 * @param weights the initializer for weight tensors
 */
public record InitSpec(Initializer weights) {

    /** The plan: see {@link InitPlan#forWeights}. */
    public InitPlan plan() {
        return InitPlan.forWeights(weights);
    }

    /** The canonical text form. */
    public String print() {
        return weights.print();
    }
}
