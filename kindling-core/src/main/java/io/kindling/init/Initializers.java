package io.kindling.init;

import io.kindling.config.Registry;

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
        return registry;
    }
}
