package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * He/Kaiming normal: {@code w ~ N(0, std²)} with {@code std = gain / √fan}, where
 * {@code gain = calculate_gain(nonlinearity, a)} and {@code fan} is fan-in or fan-out by
 * {@code mode}, exactly as {@code torch.nn.init.kaiming_normal_} (defaults a=0, mode=fan_in,
 * nonlinearity=leaky_relu, which with a=0 gives gain √2).
 *
 * <p>He, Zhang, Ren &amp; Sun, "Delving Deep into Rectifiers", ICCV 2015, arXiv:1502.01852.
 * Example: {@code kaiming_normal(mode=fan_out, nonlinearity=relu)}; {@code he_normal} is the
 * alias with mode fan_in and relu.
 *
 * @param a negative slope of the rectifier (leaky_relu only)
 * @param mode fan_in or fan_out
 * @param nonlinearity a name from {@link Gain#NONLINEARITIES}
 */
public record KaimingNormal(double a, FanMode mode, String nonlinearity) implements Initializer {

    public KaimingNormal {
        Gain.of(nonlinearity, a);
        if (mode == FanMode.FAN_AVG) {
            throw new IllegalArgumentException("kaiming_normal mode must be fan_in or fan_out");
        }
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        return Normal.gaussian(manager, context, 0, std(context));
    }

    @Override
    public double std(ParamContext context) {
        return Gain.of(nonlinearity, a) / Math.sqrt(mode.fan(context));
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
