package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.nn.ParamContext;

/**
 * Orthogonal init: a Haar-random (semi-)orthogonal matrix times {@code gain}, exactly as {@code
 * torch.nn.init.orthogonal_}. A weight of shape (out, in, k…) is filled as the matrix (rows, cols)
 * = (out, in·k…); for rows ≥ cols its columns are orthonormal (WᵀW = gain²·I), otherwise its rows
 * are (WWᵀ = gain²·I). Every entry then has mean square gain² / max(rows, cols), which is what
 * {@link #std} reports; for large matrices the entries are close to N(0, gain²/max(rows, cols)).
 *
 * <p>Saxe, McClelland &amp; Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep
 * linear neural networks", ICLR 2014, arXiv:1312.6120. Example: {@code orthogonal}, {@code
 * orthogonal(gain=auto)} (the gain of the activation after the layer, √2 before a ReLU).
 *
 * @param gain the scale (PyTorch default 1), or auto
 */
public record Orthogonal(GainArg gain) implements Initializer {

    @Override
    public NDArray sample(ParamContext context, NDManager manager) {
        long[] dims = matrix(context);
        if (context.shape().size() == 0) {
            return manager.zeros(context.shape(), DataType.FLOAT32);
        }
        NDArray q =
                HaarOrthogonal.sampleArray(
                        manager,
                        Math.toIntExact(dims[0]),
                        Math.toIntExact(dims[1]),
                        gain.resolve(context));
        if (q.getShape().equals(context.shape())) {
            return q;
        }
        NDArray shaped = q.reshape(context.shape());
        q.close(); // the reshaped view keeps the storage alive
        return shaped;
    }

    @Override
    public double std(ParamContext context) {
        long[] dims = matrix(context);
        return gain.resolve(context) / Math.sqrt(Math.max(dims[0], dims[1]));
    }

    /** (rows, cols) = (out, in·k…), as PyTorch flattens the trailing dimensions. */
    private static long[] matrix(ParamContext context) {
        long[] dims = context.shape().getShape();
        if (dims.length < 2) {
            throw StructuredInitializers.shapeError(
                    "orthogonal",
                    context,
                    "a tensor of rank"
                            + " >= 2 (a matrix, or a conv kernel flattened to (out, in·k…))");
        }
        long rows = dims[0];
        return new long[] {rows, rows == 0 ? 0 : context.shape().size() / rows};
    }

    @Override
    public Call toExpr() {
        return gain.addTo(CallBuilder.call("orthogonal"), "gain").build();
    }
}
