package io.kindling.init;

import io.kindling.config.Registry;

/** Perturbation and depth-/width-aware initializers: noisy, scaled_residual, fixup, deepnorm, mup. */
final class DepthInitializers {

    private DepthInitializers() {}

    static void register(Registry<Initializer> r) {
    }
}
