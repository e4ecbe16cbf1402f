package io.kindling.init;

import io.kindling.config.Args;
import io.kindling.config.Registry;

/** The registry of initializers by name; defaults follow {@code torch.nn.init}. */
public final class Initializers {

    /** Every initializer, e.g. {@code kaiming_normal(mode=fan_out, nonlinearity=relu)}. */
    public static final Registry<Initializer> REGISTRY = new Registry<Initializer>("initializer")
            .register("zeros", "w = 0", a -> new Constant(0))
            .register("ones", "w = 1", a -> new Constant(1))
            .register("constant", "w = value", a -> new Constant(a.number("value")))
            .register("normal", "w ~ N(mean, std²); defaults mean=0, std=1",
                    a -> new Normal(a.number("mean", 0), a.nonNegative("std", 1)))
            .register("xavier_normal", "w ~ N(0, gain²·2/(fan_in+fan_out)) (Glorot & Bengio 2010)",
                    a -> new XavierNormal(a.positive("gain", 1)))
            .alias("glorot_normal", "xavier_normal")
            .register("kaiming_normal",
                    "w ~ N(0, gain²/fan); defaults a=0, mode=fan_in, nonlinearity=leaky_relu (He et al. 2015)",
                    Initializers::kaimingNormal)
            .register("he_normal", "kaiming_normal(mode=fan_in, nonlinearity=relu)",
                    a -> new KaimingNormal(0, FanMode.FAN_IN, "relu"));

    private Initializers() {}

    private static Initializer kaimingNormal(Args a) {
        double slope = a.nonNegative("a", 0);
        FanMode mode = FanMode.of(a.choice("mode", "fan_in", "fan_in", "fan_out"));
        String nonlinearity = a.choice("nonlinearity", "leaky_relu",
                Gain.NONLINEARITIES.toArray(String[]::new));
        return new KaimingNormal(slope, mode, nonlinearity);
    }
}
