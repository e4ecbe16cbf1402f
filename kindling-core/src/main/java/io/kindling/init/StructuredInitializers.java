package io.kindling.init;

import io.kindling.config.Registry;

/** Structured initializers: orthogonal, delta_orthogonal, sparse, identity. */
final class StructuredInitializers {

    private StructuredInitializers() {}

    static void register(Registry<Initializer> r) {
    }
}
