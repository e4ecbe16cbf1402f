package io.kindling.optim;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/** The registry of optimizers and transforms by name; arguments as in {@code torch.optim}. */
public final class Optimizers {

    /** Every optimizer, e.g. {@code sgd(lr=0.05, momentum=0.9)}. */
    public static final Registry<GradientTransform> REGISTRY =
            new Registry<GradientTransform>("optimizer")
                    .register("sgd", "SGD with momentum, dampening, nesterov, coupled weight decay",
                            Optimizers::sgd);

    private Optimizers() {}

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
