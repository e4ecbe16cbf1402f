package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Recurrence;
import io.kindling.nn.Role;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chrono initialization of a gated recurrent layer's biases, so that its gates start with memory
 * time scales spread between 1 and T_max steps:
 *
 * <pre>
 * LSTM   b_f = log(u),  u ~ U(1, T_max − 1)     (forget gate: f = σ(b_f) keeps ~ u steps)
 *        b_i = −b_f                              (input gate, the same draw negated)
 *        b_g = b_o = 0
 * GRU    b_z = log(u),  u ~ U(1, T_max − 1)     (update gate; PyTorch's z multiplies the old state,
 *        b_r = b_n = 0                            h' = (1 − z)·n + z·h, so z plays the forget gate)
 * </pre>
 *
 * The paper states the rule for the LSTM's forget and input gates (§4, eq. 16); for a GRU it notes
 * that the gate which keeps the previous state takes the forget gate's role, which in PyTorch's
 * convention is z (Kindling's reading). Apply it to one of the two summed bias vectors only ({@code
 * bias}, i.e. {@code bias_ih}) and zero the other ({@code role=recurrent_bias}), or the time scales
 * double in the log:
 *
 * <pre>{@code
 * init:
 *   - {match: "bias & layer=recurrent", init: "chrono(t_max=100)"}
 *   - {match: "role=recurrent_bias", init: zeros}
 *   - {match: "recurrent", init: orthogonal}
 *   - {match: "*", init: xavier_uniform}
 * }</pre>
 *
 * <p>The input gate's slice (rows before the forget gate's) is sampled first; its draw is kept and
 * the forget slice of the same parameter takes its negation, so b_i = −b_f element by element.
 *
 * <p>Tallec &amp; Ollivier, "Can recurrent neural networks warp time?", ICLR 2018,
 * arXiv:1804.11188. Example: {@code chrono(t_max=100)} (T_max ≈ the longest dependency in steps).
 */
public final class Chrono implements Initializer {

    private final double tMax;
    // The forget draw that goes with an input slice already sampled, by parameter name.
    private final Map<String, NDArray> pending = new ConcurrentHashMap<>();

    /**
     * @param tMax the longest time scale in steps, {@code > 2}
     */
    public Chrono(double tMax) {
        Check.argument(tMax > 2, "chrono", "t_max", "> 2 (u ~ U(1, t_max − 1))", tMax);
        this.tMax = tMax;
    }

    /** The longest time scale, in steps. */
    public double tMax() {
        return tMax;
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        String owner = owner(context);
        return switch (context.tag(Recurrence.GATE)) {
            case "input" -> {
                NDArray f = logUniform(context, manager);
                NDArray old = pending.put(owner, f);
                if (old != null) {
                    old.close();
                }
                yield f.neg();
            }
            case "forget" -> {
                NDArray f = pending.remove(owner);
                yield f != null ? f : logUniform(context, manager);
            }
            case "update" -> logUniform(context, manager);
            default -> manager.zeros(context.shape(), DataType.FLOAT32);
        };
    }

    private NDArray logUniform(ParamContext context, NDManager manager) {
        return manager.randomUniform(1f, (float) (tMax - 1), context.shape(), DataType.FLOAT32)
                .log();
    }

    private static String owner(ParamContext context) {
        String n = context.name();
        int bracket = n.indexOf('[');
        return bracket < 0 ? n : n.substring(0, bracket);
    }

    @Override
    public void checkFits(ParamContext context) {
        if (context.tag(Recurrence.GATE).isEmpty()
                || !(context.role() == Role.BIAS || context.role() == Role.RECURRENT_BIAS)) {
            throw new ConfigException(
                    "chrono sets the gate biases of an lstm or gru; parameter '"
                            + context.name()
                            + "' is not a gate slice of a bias (select it with"
                            + " \"bias & layer=recurrent\")");
        }
    }

    @Override
    public double std(ParamContext context) {
        return switch (context.tag(Recurrence.GATE)) {
            case "input", "forget", "update" -> logUniformStd(1, tMax - 1);
            default -> 0;
        };
    }

    /** Std of log(u), u ~ U(a, b), from E[log u] and E[log² u] in closed form. */
    static double logUniformStd(double a, double b) {
        double m1 = (xLogX(b) - b - xLogX(a) + a) / (b - a);
        double m2 = (sq(b) - sq(a)) / (b - a);
        return Math.sqrt(Math.max(0, m2 - m1 * m1));
    }

    private static double xLogX(double x) {
        return x * Math.log(x);
    }

    /** An antiderivative of log² x: x(log² x − 2 log x + 2). */
    private static double sq(double x) {
        double l = Math.log(x);
        return x * (l * l - 2 * l + 2);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("chrono").arg("t_max", tMax).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chrono c && c.tMax == tMax;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(tMax);
    }

    @Override
    public String toString() {
        return print();
    }
}
