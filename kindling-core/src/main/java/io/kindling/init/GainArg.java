package io.kindling.init;

import io.kindling.config.Args;
import io.kindling.config.ArgumentException;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.Expr;
import io.kindling.config.Str;
import io.kindling.nn.ParamContext;

/**
 * A {@code gain} argument (Xavier, orthogonal, ...): a fixed positive number, or {@code auto},
 * which takes {@link Gain#of(io.kindling.nn.Activation)} of the activation that follows the layer
 * ({@code xavier_uniform(gain=auto)} before a tanh uses 5/3).
 *
 * @param value the fixed gain; NaN when {@code auto}
 * @param auto whether the gain comes from the parameter's context
 */
public record GainArg(double value, boolean auto) {

    /** What a gain may be, as messages say it. */
    static final String ACCEPTED = "a number > 0 or auto";

    /** {@code gain=auto}. */
    public static final GainArg AUTO = new GainArg(Double.NaN, true);

    public GainArg {
        if (auto) {
            value = Double.NaN;
        } else if (!(value > 0) || Double.isInfinite(value)) {
            throw new ArgumentException(null, "gain", "must be " + ACCEPTED, Check.text(value));
        }
    }

    /** A fixed gain. */
    public static GainArg of(double value) {
        return new GainArg(value, false);
    }

    /** The gain for this parameter. */
    public double resolve(ParamContext context) {
        return auto ? Gain.of(context.nonlinearity()) : value;
    }

    /**
     * Reads {@code key} as {@code auto} or a number (the constructor checks it is {@code > 0});
     * {@code dflt} when absent.
     */
    static GainArg read(Args args, String key, double dflt) {
        Expr e = args.expr(key, null);
        boolean isAuto =
                (e instanceof Call c && c.args().isEmpty() && c.name().equals("auto"))
                        || (e instanceof Str s && s.value().equals("auto"));
        if (isAuto) {
            return AUTO;
        }
        if (e instanceof Call || e instanceof Str) {
            throw args.error(key, "must be " + ACCEPTED);
        }
        return of(args.number(key, dflt));
    }

    /** Adds this gain to a call being built. */
    CallBuilder addTo(CallBuilder b, String key) {
        return auto ? b.arg(key, "auto") : b.arg(key, value);
    }
}
