package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.LayerOutputs;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Layer-sequential unit-variance init (LSUV): sample the weights with {@code base}, then, layer by
 * layer from the input, run a real batch and divide the layer's weights by the standard deviation
 * of its output until the output variance is 1 within {@code tol}:
 *
 * <pre>
 * for each weight W_l in forward order:
 *   repeat up to max_iter times:
 *     v = Var(output of layer l on the batch)      (pre-activation, all elements)
 *     if |v − 1| &lt; tol: stop
 *     W_l ← W_l / √v
 * </pre>
 *
 * <p>Mishkin &amp; Matas, "All you need is a good init", ICLR 2016, arXiv:1511.06422 (Algorithm 1;
 * the paper pre-initializes with orthonormal matrices, the default base here). Example: {@code
 * lsuv(base=normal(std=0.01), tol=0.1, max_iter=10)}.
 *
 * @param base the static initializer run first
 * @param tol tolerance on the output variance
 * @param maxIter rescaling iterations per layer at most
 */
public record Lsuv(Initializer base, double tol, int maxIter)
        implements DelegatingInitializer, DataDependent {

    public Lsuv {
        Check.argument(tol > 0, "lsuv", "tol", "> 0", tol);
        Check.argument(maxIter > 0, "lsuv", "max_iter", "an integer > 0", maxIter);
    }

    @Override
    public Initializer delegate() {
        return base;
    }

    @Override
    public List<String> refine(
            Model model, List<ModelParameter> mine, NDArray batch, ParameterStore store) {
        List<String> report = new ArrayList<>();
        for (ModelParameter p : mine) {
            if (p.context().role() != Role.WEIGHT) {
                continue;
            }
            NDArray w = p.array();
            int iterations = 0;
            int passes = 0;
            long start = System.nanoTime();
            double variance;
            while (true) {
                passes++;
                try (NDManager scope = batch.getManager().newSubManager()) {
                    // Both attached for this pass only, so the pass's activations die with it.
                    scope.tempAttachAll(w, batch);
                    NDArray out =
                            LayerOutputs.of(model, store, batch, p).toType(DataType.FLOAT64, false);
                    variance = out.sub(out.mean()).square().mean().getDouble();
                    if (Math.abs(variance - 1) < tol
                            || iterations == maxIter
                            || !(variance > 0)
                            || !Double.isFinite(variance)) {
                        break;
                    }
                    w.divi(Math.sqrt(variance));
                    iterations++;
                }
            }
            double msPerPass = (System.nanoTime() - start) / 1e6 / passes;
            report.add(
                    String.format(
                            Locale.ROOT,
                            "lsuv %s: %d rescale(s), output variance %.4f, %d pass(es), %.2f ms"
                                    + " per pass",
                            p.name(),
                            iterations,
                            variance,
                            passes,
                            msPerPass));
        }
        return report;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("lsuv")
                .arg("base", base)
                .arg("tol", tol)
                .arg("max_iter", maxIter)
                .build();
    }
}
