package io.kindling.init;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/** Fan-based initializers: Xavier/Glorot, Kaiming/He, … */
final class FanInitializers {

    private FanInitializers() {}

    static void register(Registry<Initializer> r) {
        r.register("xavier_normal", "w ~ N(0, gain²·2/(fan_in+fan_out)) (Glorot & Bengio 2010)",
                        a -> new XavierNormal(a.positive("gain", 1)))
                .alias("glorot_normal", "xavier_normal")
                .register("kaiming_normal",
                        "w ~ N(0, gain²/fan); defaults a=0, mode=fan_in, nonlinearity=leaky_relu (He et al. 2015)",
                        FanInitializers::kaimingNormal)
                .register("he_normal", "kaiming_normal(mode=fan_in, nonlinearity=relu)",
                        a -> new KaimingNormal(0, FanMode.FAN_IN, "relu"));
    }

    private static Initializer kaimingNormal(Args a) {
        double slope = a.nonNegative("a", 0);
        FanMode mode = FanMode.of(a.choice("mode", "fan_in", "fan_in", "fan_out"));
        String nonlinearity = a.choice("nonlinearity", "leaky_relu",
                Gain.NONLINEARITIES.toArray(String[]::new));
        return new KaimingNormal(slope, mode, nonlinearity);
    }
}
