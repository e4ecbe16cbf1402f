package io.kindling.optim;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/**
 * The registry of optimizers and gradient transforms by name; arguments as in
 * {@code torch.optim}. Each family registers itself from its own class.
 */
public final class Optimizers {

    /** Every optimizer and transform, e.g. {@code sgd(lr=0.05, momentum=0.9)}. */
    public static final Registry<GradientTransform> REGISTRY = build();

    private Optimizers() {}

    private static Registry<GradientTransform> build() {
        Registry<GradientTransform> r = new Registry<>("optimizer");
        r.register("sgd", "SGD with momentum, dampening, nesterov, coupled weight decay"
                + " (torch.optim.SGD)", Optimizers::sgd);
        AdaptiveOptimizers.register(r);
        TransformLibrary.register(r);
        return r;
    }

    private static GradientTransform sgd(Args a) {
        double lr = a.positive("lr", 1e-3);
        double momentum = a.nonNegative("momentum", 0);
        double dampening = a.inRange("dampening", 0, 0, 1);
        boolean nesterov = a.bool("nesterov", false);
        double weightDecay = a.nonNegative("weight_decay", 0);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw a.error("nesterov", "requires momentum > 0 and dampening = 0");
        }
        return new Sgd(lr, momentum, dampening, nesterov, weightDecay);
    }
}
