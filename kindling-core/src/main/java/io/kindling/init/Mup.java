package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.nn.ParamContext;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * μP (maximal update parametrization) initialization, the "Init. Var." row of Table 3 of Tensor
 * Programs V, realized without output multipliers and calibrated so that the base width (width
 * multiplier 1) gets the base init unchanged:
 *
 * <pre>
 * layer                     μP init variance (Table 3)   this init
 * input (first layer)       ∝ 1/fan_in                   w = base
 * hidden                    ∝ 1/fan_in                   w = base
 * output (last layer)       ∝ 1/fan_in²                  w = base / √width_mult
 * </pre>
 *
 * <p>With width_mult = fan_in / base_fan_in on the output layer, Var(base)/width_mult =
 * (gain²/fan_in)·(base_fan_in/fan_in) = gain²·base_fan_in/fan_in², Table 3's 1/fan_in². (The {@code
 * mup} package reaches the same effective output weight with a 1/width_mult forward multiplier on a
 * weight rescaled by √width_mult.) width_mult is the parameter's {@link
 * ParamContext#widthMultiplier()}, or fan_in / {@code base_width} when {@code base_width} is given.
 * The learning-rate half of μP (Table 3's SGD and Adam rows) belongs to the optimizer, not to this
 * init. The base defaults to He normal for the following activation ({@code base=auto}, std =
 * gain(act)/√fan_in, gain 1 before the linear output). The base must itself scale as 1/fan_in (He,
 * LeCun, or Xavier on square layers): a constant-std base such as {@code normal(std=0.02)} would
 * also need its hidden layers scaled by 1/√width_mult, which this rule does not do.
 *
 * <p>Yang, Hu, Babuschkin, Sidor, Liu, Farhi, Ryder, Pachocki, Chen &amp; Gao, "Tensor Programs V:
 * Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer", NeurIPS 2021,
 * arXiv:2203.03466, Table 3. Example: {@code mup}, {@code mup(base_width=256)}.
 *
 * @param base the standard-parametrization init (default auto)
 * @param baseWidth the base model's width, or empty to read the context's width multiplier
 */
public record Mup(Initializer base, OptionalDouble baseWidth) implements Initializer {

    public Mup {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(baseWidth, "baseWidth");
        baseWidth.ifPresent(w -> Check.argument(w > 0, "mup", "base_width", "> 0 or auto", w));
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        NDArray w = base.sample(context, manager);
        double scale = scale(context);
        return scale == 1 ? w : w.muli((float) scale);
    }

    @Override
    public double std(ParamContext context) {
        return scale(context) * base.std(context);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return DepthInitializers.scaled(base.density(context), scale(context));
    }

    /** 1/√width_mult on the output layer, 1 elsewhere. */
    public double scale(ParamContext context) {
        return context.isLast() ? 1 / Math.sqrt(widthMultiplier(context)) : 1;
    }

    /** fan_in / base_width when base_width is set, else the context's width multiplier. */
    public double widthMultiplier(ParamContext context) {
        double wm =
                baseWidth.isPresent()
                        ? context.fanIn() / baseWidth.getAsDouble()
                        : context.widthMultiplier();
        if (!(wm > 0) || Double.isInfinite(wm)) {
            throw new ConfigException(
                    "mup needs a width multiplier > 0; parameter '"
                            + context.name()
                            + "' has "
                            + wm);
        }
        return wm;
    }

    @Override
    public Call toExpr() {
        CallBuilder b = CallBuilder.call("mup").arg("base", base);
        return (baseWidth.isPresent()
                        ? b.arg("base_width", baseWidth.getAsDouble())
                        : b.arg("base_width", "auto"))
                .build();
    }
}
