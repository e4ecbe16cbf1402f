package io.kindling.nn;

import io.kindling.config.Args;
import io.kindling.config.Call;
import io.kindling.config.Expr;
import io.kindling.config.Registry;

/** The registry of model builders by name. */
public final class Models {

    /** Every model, e.g. {@code mlp(depth=3, width=256, activation=relu)}. */
    public static final Registry<ModelSpec> REGISTRY = new Registry<ModelSpec>("model")
            .register("mlp", "multi-layer perceptron: depth hidden layers of width units",
                    Models::mlp);

    private Models() {}

    private static ModelSpec mlp(Args a) {
        int depth = a.integer("depth", 2);
        if (depth < 0) {
            throw a.error("depth", "must be >= 0");
        }
        int width = a.positiveInt("width", 256);
        Expr act = a.expr("activation", new Call("relu", java.util.List.of(),
                io.kindling.config.Position.NONE));
        Activation activation = Activations.REGISTRY.create(act);
        double dropout = a.nonNegative("dropout", 0);
        if (dropout >= 1) {
            throw a.error("dropout", "must be a drop probability in [0, 1)");
        }
        String norm = a.choice("norm", "none", "none", "batch", "layer");
        String dropoutType = a.choice("dropout_type", Mlp.DROPOUT_TYPES.get(0),
                Mlp.DROPOUT_TYPES.toArray(String[]::new));
        return new Mlp(depth, width, activation, dropout, norm, dropoutType);
    }
}
