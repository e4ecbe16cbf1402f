package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * The scaled identity, {@code W = scale·I}, for square matrices only: hidden-to-hidden weights of
 * equal width and, as in the IRNN, the recurrent weight of a plain RNN. A non-square matrix is
 * refused (use {@code eye} for those, which fills the leading diagonal of any matrix, or {@code
 * dirac} for conv kernels).
 *
 * <p>{@link #std} is the std of the entries about their mean, scale·√(n − 1)/n for an n × n matrix
 * (about scale/√n).
 *
 * <p>Le, Jaitly &amp; Hinton, "A Simple Way to Initialize Recurrent Networks of Rectified Linear
 * Units", 2015, arXiv:1504.00941. Example: {@code identity(scale=1)}.
 *
 * @param scale the diagonal value (default 1)
 */
public record Identity(double scale) implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        int n = size(context);
        float[] w = new float[n * n];
        for (int i = 0; i < n; i++) {
            w[i * n + i] = (float) scale;
        }
        return manager.create(w, context.shape());
    }

    @Override
    public double std(ParamContext context) {
        int n = size(context);
        return n == 0 ? 0 : Math.abs(scale) * Math.sqrt(n - 1.0) / n;
    }

    private static int size(ParamContext context) {
        long[] dims = context.shape().getShape();
        if (dims.length != 2 || dims[0] != dims[1]) {
            throw StructuredInitializers.shapeError(
                    "identity",
                    context,
                    "a square matrix; use eye for a non-square matrix or dirac for a conv kernel");
        }
        return Math.toIntExact(dims[0]);
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("identity").arg("scale", scale).build();
    }
}
