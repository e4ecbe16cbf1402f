package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;

/**
 * He/Kaiming normal: {@code w ~ N(0, std²)} with {@code std = gain / √fan}, where {@code gain =
 * calculate_gain(nonlinearity, a)} and {@code fan} is fan-in or fan-out by {@code mode}, exactly as
 * {@code torch.nn.init.kaiming_normal_} (defaults a=0, mode=fan_in, nonlinearity=leaky_relu, which
 * with a=0 gives gain √2). {@code nonlinearity=auto} takes the gain of the activation after the
 * layer (for leaky_relu with its slope); {@code a} must then be 0.
 *
 * <p>He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015, arXiv:1502.01852.
 * Example: {@code kaiming_normal(mode=fan_out, nonlinearity=relu)}; {@code he_normal} is the alias
 * with mode fan_in and relu (PyTorch's untruncated normal, not Keras's truncated one).
 *
 * @param a negative slope of the rectifier (leaky_relu only)
 * @param mode fan_in or fan_out
 * @param nonlinearity a name from {@link Gain#NONLINEARITIES}, or {@code auto}
 */
public record KaimingNormal(double a, FanMode mode, String nonlinearity) implements Initializer {

    /** The nonlinearity that reads the activation from the parameter's context. */
    public static final String AUTO = "auto";

    /** The modes Kaiming initializers take: PyTorch's, without Keras's {@code fan_avg}. */
    static final List<FanMode> MODES = List.of(FanMode.FAN_IN, FanMode.FAN_OUT);

    /** The nonlinearities Kaiming initializers take: {@link Gain#NONLINEARITIES} and auto. */
    static final List<String> NONLINEARITIES =
            Stream.concat(Gain.NONLINEARITIES.stream(), Stream.of(AUTO)).toList();

    public KaimingNormal {
        check("kaiming_normal", a, mode, nonlinearity);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return std(a, mode, nonlinearity, context);
    }

    /** Checks the arguments both Kaiming initializers share. */
    static void check(String name, double a, FanMode mode, String nonlinearity) {
        Objects.requireNonNull(mode, "mode");
        Check.argument(
                NONLINEARITIES.contains(nonlinearity),
                name,
                "nonlinearity",
                "one of " + String.join(", ", NONLINEARITIES),
                nonlinearity);
        Check.argument(
                MODES.contains(mode),
                name,
                "mode",
                "one of " + String.join(", ", MODES.stream().map(FanMode::label).toList()),
                mode.label());
        Check.argument(a >= 0, name, "a", ">= 0 (the negative slope of a leaky_relu)", a);
        Check.argument(
                a == 0 || !AUTO.equals(nonlinearity),
                name,
                "a",
                "0 with nonlinearity=auto, which takes the slope from the following activation",
                a);
    }

    /** {@code gain / √fan}, as PyTorch's {@code kaiming_*_} compute it. */
    static double std(double a, FanMode mode, String nonlinearity, ParamContext context) {
        double gain =
                AUTO.equals(nonlinearity)
                        ? Gain.of(context.nonlinearity())
                        : Gain.of(nonlinearity, a);
        return gain / Math.sqrt(mode.fan(context));
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return Initializer.gaussian(0, std(context));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("kaiming_normal")
                .arg("a", a)
                .arg("mode", mode.label())
                .arg("nonlinearity", nonlinearity)
                .build();
    }
}
