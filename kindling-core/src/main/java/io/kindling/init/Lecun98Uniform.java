package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * LeCun's original uniform init of LeNet-5: {@code w ~ U(−a/F, a/F)} with F the fan-in and a = 2.4,
 * so {@code std = a/(F·√3)}. It shrinks with the fan-in itself, not its square root (unlike {@code
 * lecun_uniform}, the modern variance-1/fan_in rule that carries the name): chosen for LeNet's
 * scaled tanh 1.7159·tanh(2x/3), it keeps the weighted sums in the squashing function's linear
 * range.
 *
 * <p>LeCun, Bottou, Bengio &amp; Haffner, "Gradient-Based Learning Applied to Document
 * Recognition", Proc. IEEE 86(11), 1998, Appendix C. Example: {@code lecun98_uniform}, {@code
 * lecun98_uniform(a=2.4)}.
 *
 * @param a the numerator of the bound, 2.4 in the paper
 */
public record Lecun98Uniform(double a) implements Initializer {

    public Lecun98Uniform {
        Check.argument(a > 0, "lecun98_uniform", "a", "> 0", a);
    }

    /** The half-width {@code a/fan_in}. */
    public double limit(ParamContext context) {
        return a / context.fanIn();
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        double b = limit(context);
        return Uniform.uniform(manager, context, -b, b);
    }

    @Override
    public double std(ParamContext context) {
        return limit(context) / Math.sqrt(3);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        double b = limit(context);
        return Uniform.density(-b, b);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lecun98_uniform").arg("a", a).build();
    }
}
