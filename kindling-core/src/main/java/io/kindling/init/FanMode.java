package io.kindling.init;

import io.kindling.nn.ParamContext;
import java.util.Locale;

/** Which fan a fan-based initializer preserves the variance over, as in PyTorch's {@code mode}. */
public enum FanMode {
    /** Preserve the variance of activations in the forward pass. */
    FAN_IN,
    /** Preserve the variance of gradients in the backward pass. */
    FAN_OUT,
    /** The average of fan-in and fan-out (Keras/JAX {@code fan_avg}). */
    FAN_AVG;

    /** The text form, e.g. {@code fan_in}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code fan_in}, {@code fan_out} or {@code fan_avg}. */
    public static FanMode of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The fan this mode selects for the parameter. */
    public double fan(ParamContext c) {
        return switch (this) {
            case FAN_IN -> c.fanIn();
            case FAN_OUT -> c.fanOut();
            case FAN_AVG -> (c.fanIn() + c.fanOut()) / 2.0;
        };
    }
}
