package io.kindling.nn;

import io.kindling.config.Registry;

/** The registry of activations by name. */
public final class Activations {

    /** Every activation, e.g. {@code leaky_relu(slope=0.01)}. */
    public static final Registry<Activation> REGISTRY =
            new Registry<Activation>("activation")
                    .register("relu", "max(0, x)", a -> new Activation("relu", 0))
                    .register(
                            "leaky_relu",
                            "max(slope·x, x); slope defaults to 0.01 as in PyTorch",
                            a -> new Activation("leaky_relu", a.nonNegative("slope", 0.01)))
                    .register("tanh", "hyperbolic tangent", a -> new Activation("tanh", 0))
                    .register("sigmoid", "1 / (1 + e^-x)", a -> new Activation("sigmoid", 0))
                    .register(
                            "gelu",
                            "x·Φ(x) (Hendrycks & Gimpel 2016)",
                            a -> new Activation("gelu", 0))
                    .register(
                            "selu",
                            "scaled ELU (Klambauer et al. 2017)",
                            a -> new Activation("selu", 0))
                    .register("identity", "x", a -> new Activation("identity", 0))
                    .alias("linear", "identity");

    private Activations() {}

    /** The {@code activation} argument of a family, {@code dflt} when it is not given. */
    public static Activation read(io.kindling.config.Args a, String dflt) {
        return REGISTRY.create(
                a.expr(
                        "activation",
                        new io.kindling.config.Call(
                                dflt, java.util.List.of(), io.kindling.config.Position.NONE)));
    }
}
