package io.kindling.init;

import io.kindling.config.Call;
import io.kindling.config.Position;
import io.kindling.config.Registry;
import java.util.List;

/**
 * The registry of initializers by name; defaults follow {@code torch.nn.init}. Each family
 * registers itself from its own class, so the families can grow independently.
 */
public final class Initializers {

    /** Every initializer, e.g. {@code kaiming_normal(mode=fan_out, nonlinearity=relu)}. */
    public static final Registry<Initializer> REGISTRY = build();

    private Initializers() {}

    private static Registry<Initializer> build() {
        Registry<Initializer> registry = new Registry<>("initializer");
        BasicInitializers.register(registry);
        FanInitializers.register(registry);
        StructuredInitializers.register(registry);
        DepthInitializers.register(registry);
        registry.register(
                "lsuv",
                "layer-sequential unit variance on a real batch, after base"
                        + " (Mishkin & Matas 2016); defaults base=orthogonal, tol=0.1, max_iter=10",
                a ->
                        new Lsuv(
                                REGISTRY.create(
                                        a.expr(
                                                "base",
                                                new Call("orthogonal", List.of(), Position.NONE))),
                                a.number("tol", 0.1),
                                a.integer("max_iter", 10)));
        return registry;
    }
}
