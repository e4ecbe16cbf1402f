package io.kindling.optim;

import io.kindling.config.Registry;

/** Transforms and the optimizers PyTorch lacks: chain, clipping, decays, noise, lars, lamb, lion. */
final class TransformLibrary {

    private TransformLibrary() {}

    static void register(Registry<GradientTransform> r) {
    }
}
