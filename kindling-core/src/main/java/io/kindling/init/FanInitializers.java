package io.kindling.init;

import io.kindling.config.Args;
import io.kindling.config.Registry;
import java.util.List;

/** Fan-based initializers: Xavier/Glorot, Kaiming/He, LeCun and Keras/JAX variance scaling. */
final class FanInitializers {

    private FanInitializers() {}

    static void register(Registry<Initializer> r) {
        r.register(
                        "xavier_normal",
                        "w ~ N(0, gain²·2/(fan_in+fan_out)); gain=1 or auto "
                                + "(Glorot & Bengio 2010)",
                        a -> new XavierNormal(GainArg.read(a, "gain", 1)))
                .alias("glorot_normal", "xavier_normal")
                .register(
                        "xavier_uniform",
                        "w ~ U(-b, b), b = gain·√(6/(fan_in+fan_out)); "
                                + "gain=1 or auto (Glorot & Bengio 2010)",
                        a -> new XavierUniform(GainArg.read(a, "gain", 1)))
                .alias("glorot_uniform", "xavier_uniform")
                .register(
                        "kaiming_normal",
                        "w ~ N(0, gain²/fan); defaults a=0, mode=fan_in, nonlinearity=leaky_relu "
                                + "(or auto) (He et al. 2015)",
                        a -> kaiming(a, false))
                .register(
                        "he_normal",
                        "kaiming_normal(mode=fan_in, nonlinearity=relu)",
                        a -> new KaimingNormal(0, FanMode.FAN_IN, "relu"))
                .register(
                        "kaiming_uniform",
                        "w ~ U(-b, b), b = gain·√(3/fan); defaults a=0, mode=fan_in, "
                                + "nonlinearity=leaky_relu (or auto) (He et al. 2015)",
                        a -> kaiming(a, true))
                .register(
                        "he_uniform",
                        "kaiming_uniform(mode=fan_in, nonlinearity=relu)",
                        a -> new KaimingUniform(0, FanMode.FAN_IN, "relu"))
                .register(
                        "lecun_normal",
                        "N(0, σ²) truncated at ±2σ, variance 1/fan_in, as "
                                + "Keras/JAX (LeCun et al. 1998; Klambauer et al. 2017 for SELU)",
                        a -> new LecunNormal())
                .register(
                        "lecun_uniform",
                        "w ~ U(-b, b), b = √(3/fan_in), as Keras/JAX " + "(LeCun et al. 1998)",
                        a -> new LecunUniform())
                .register(
                        "lecun98_uniform",
                        "w ~ U(-a/fan_in, a/fan_in), a=2.4: LeNet-5's "
                                + "original init (LeCun et al. 1998, Appendix C)",
                        a -> new Lecun98Uniform(a.number("a", 2.4)))
                .register(
                        "variance_scaling",
                        "variance scale/n, n by mode=fan_in|fan_out|fan_avg,"
                                + " distribution=truncated_normal|untruncated_normal|uniform; defaults "
                                + "scale=1, fan_in, truncated_normal, as Keras/JAX",
                        FanInitializers::varianceScaling);
    }

    /**
     * Parses a Kaiming initializer's arguments (defaults a=0, mode=fan_in, nonlinearity=leaky_relu,
     * as PyTorch's); the words come from the record's own lists and the record checks the values.
     */
    private static Initializer kaiming(Args a, boolean uniform) {
        double slope = a.number("a", 0);
        FanMode mode = mode(a, KaimingNormal.MODES);
        String nonlinearity =
                a.choice(
                        "nonlinearity",
                        "leaky_relu",
                        KaimingNormal.NONLINEARITIES.toArray(String[]::new));
        return uniform
                ? new KaimingUniform(slope, mode, nonlinearity)
                : new KaimingNormal(slope, mode, nonlinearity);
    }

    /** {@code mode}, one of {@code accepted} written as its label; fan_in when absent. */
    private static FanMode mode(Args a, List<FanMode> accepted) {
        return FanMode.of(
                a.choice(
                        "mode",
                        FanMode.FAN_IN.label(),
                        accepted.stream().map(FanMode::label).toArray(String[]::new)));
    }

    private static Initializer varianceScaling(Args a) {
        double scale = a.number("scale", 1);
        FanMode mode = mode(a, List.of(FanMode.values()));
        VarianceScaling.Distribution distribution =
                VarianceScaling.Distribution.of(
                        a.choice(
                                "distribution",
                                "truncated_normal",
                                "truncated_normal",
                                "untruncated_normal",
                                "uniform"));
        return new VarianceScaling(scale, mode, distribution);
    }
}
