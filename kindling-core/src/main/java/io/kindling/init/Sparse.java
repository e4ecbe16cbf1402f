package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * Sparse init, exactly as {@code torch.nn.init.sparse_}: a (rows, cols) matrix drawn from N(0,
 * std²), then in every column {@code z = ⌈sparsity·rows⌉} entries, at rows chosen by a random
 * permutation, set to zero. The draws come in PyTorch's order (the whole Gaussian matrix, then one
 * {@code randperm(rows)} per column) from the engine's generator, so a seed gives the same matrix
 * as in PyTorch.
 *
 * <p>{@link #std} is the std of the whole matrix, std·√((rows − z)/rows), not the std of the
 * non-zero entries.
 *
 * <p>Martens, "Deep learning via Hessian-free optimization", ICML 2010 (there: 15 non-zero incoming
 * weights per unit). Example: {@code sparse(sparsity=0.9, std=0.01)}.
 *
 * @param sparsity the fraction of each column set to zero, in [0, 1]
 * @param stddev std of the non-zero entries (PyTorch default 0.01)
 */
public record Sparse(double sparsity, double stddev) implements Initializer {

    public Sparse {
        Check.argument(sparsity >= 0 && sparsity <= 1, "sparse", "sparsity", "in [0, 1]", sparsity);
        Check.argument(stddev >= 0, "sparse", "std", ">= 0", stddev);
    }

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        long[] dims = check(context);
        int rows = Math.toIntExact(dims[0]);
        int cols = Math.toIntExact(dims[1]);
        int zeros = zerosPerColumn(rows);
        float[] w;
        try (NDArray gaussian =
                manager.randomNormal(0f, (float) stddev, context.shape(), DataType.FLOAT32)) {
            w = gaussian.toFloatArray();
        }
        for (int c = 0; c < cols; c++) {
            long[] perm;
            try (NDArray p = manager.randomPermutation(rows)) {
                perm = p.toLongArray();
            }
            for (int k = 0; k < zeros; k++) {
                w[Math.toIntExact(perm[k]) * cols + c] = 0f;
            }
        }
        return manager.create(w, context.shape());
    }

    @Override
    public double std(ParamContext context) {
        long rows = check(context)[0];
        return rows == 0 ? 0 : stddev * Math.sqrt((double) (rows - zerosPerColumn(rows)) / rows);
    }

    /** ⌈sparsity·rows⌉ in double arithmetic, as PyTorch: sparsity 0.07 on 100 rows gives 8. */
    int zerosPerColumn(long rows) {
        return (int) Math.ceil(sparsity * rows);
    }

    private static long[] check(ParamContext context) {
        long[] dims = context.shape().getShape();
        if (dims.length != 2) {
            throw StructuredInitializers.shapeError(
                    "sparse", context, "a matrix (rank 2), as torch.nn.init.sparse_");
        }
        return dims;
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("sparse").arg("sparsity", sparsity).arg("std", stddev).build();
    }
}
