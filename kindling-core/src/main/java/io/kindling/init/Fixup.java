package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.config.ConfigException;
import io.kindling.nn.Model;
import io.kindling.nn.ParamContext;
import io.kindling.nn.ResidualPosition;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * Fixup: train deep residual networks without normalization by zeroing what writes into the
 * residual stream and shrinking the other branch layers. With L residual branches of m weight
 * layers each:
 *
 * <pre>
 * last layer of a residual branch (ends the branch)     w = 0
 * other layers inside a branch                          w = base · L^(−1/(2m−2))
 * the classifier (last layer, outside any branch)       w = 0
 * everything else (the stem, projection shortcuts)      w = base
 * </pre>
 *
 * <p>The base is He normal for the activation after the layer ({@code base=auto}: std =
 * gain(act)/√fan_in), so a branch-inner layer gets std = gain/√fan_in · L^(−1/(2m−2)); with m = 1
 * every branch layer ends its branch and is zero, so no exponent is needed. The scalar multipliers
 * and biases the paper adds to each branch belong to the model, and biases to the init plan.
 *
 * <p>Zhang, Dauphin &amp; Ma, "Fixup Initialization: Residual Learning Without Normalization", ICLR
 * 2019, arXiv:1901.09321, §3 (rules 1–2). Example: {@code fixup}, {@code
 * fixup(base=kaiming_normal(nonlinearity=relu))}.
 *
 * @param base the standard init scaled inside branches (default auto)
 */
public record Fixup(Initializer base) implements Initializer {

    public Fixup {
        Objects.requireNonNull(base, "base");
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        double scale = scale(context);
        if (scale == 0) {
            return manager.zeros(context.shape(), DataType.FLOAT32);
        }
        NDArray w = base.sample(context, manager);
        return scale == 1 ? w : w.muli((float) scale);
    }

    @Override
    public void checkFits(ParamContext context) {
        if (scale(context) != 0) {
            base.checkFits(context);
        }
    }

    @Override
    public void checkFits(Model model) {
        if (!model.hasResidualBranches()) {
            throw new ConfigException(
                    "fixup needs residual branches, but "
                            + model.spec().print()
                            + " has none; use resnet(..., residual=fixup)"
                            + " or resmlp(..., residual=fixup)");
        }
        base.checkFits(model);
    }

    @Override
    public double std(ParamContext context) {
        return scale(context) * base.std(context);
    }

    @Override
    public Optional<DoubleUnaryOperator> density(ParamContext context) {
        return DepthInitializers.scaled(base.density(context), scale(context));
    }

    /**
     * The factor on the base sample: 0 for branch ends and the classifier, L^(−1/(2m−2)) for the
     * other branch layers, 1 elsewhere.
     */
    public static double scale(ParamContext context) {
        ResidualPosition r = context.residual();
        if (r == null) {
            return context.isLast() ? 0 : 1;
        }
        if (r.endsBranch()) {
            return 0;
        }
        return Math.pow(r.branches(), -1.0 / (2 * r.layersPerBranch() - 2));
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("fixup").arg("base", base).build();
    }
}
