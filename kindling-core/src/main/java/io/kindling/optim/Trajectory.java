package io.kindling.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.kindling.engine.Compute;
import java.util.ArrayList;
import java.util.List;

/**
 * An optimizer's path on a {@link TestFunction}: row k holds the loss and the parameters after k
 * updates (row 0 is the start). The gradient comes from autograd on the engine, the update from the
 * optimizer's chain, exactly as in training.
 *
 * @param rows {@code rows[k] = [loss, x0, x1, …]}
 */
public record Trajectory(double[][] rows) {

    /**
     * Runs an optimizer.
     *
     * @param optimizer the transform chain
     * @param function the test function
     * @param start starting coordinates
     * @param steps number of updates
     * @param dataType FLOAT32 or FLOAT64
     * @return the trajectory, {@code steps + 1} rows
     */
    public static Trajectory run(
            GradientTransform optimizer,
            TestFunction function,
            double[] start,
            int steps,
            DataType dataType) {
        if (function.dimensions() > 0 && start.length != function.dimensions()) {
            throw new IllegalArgumentException(
                    function.label()
                            + " needs "
                            + function.dimensions()
                            + " start coordinates, got "
                            + start.length);
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("dtype must be float32 or float64, got " + dataType);
        }
        Engine engine = Compute.start(Compute.Threads.defaults());
        double[][] rows = new double[steps + 1][];
        try (NDManager root = NDManager.newBaseManager(engine.getEngineName())) {
            NDArray x = root.create(start).toType(dataType, false);
            x.setRequiresGradient(true);
            List<NDArray> params = List.of(x);
            TransformState state = optimizer.init(params, root);
            NDArray[] everyArray = stateArrays(x, state);
            for (int k = 0; k <= steps; k++) {
                try (NDManager scope = root.newSubManager()) {
                    scope.tempAttachAll(everyArray);
                    NDArray loss;
                    try (GradientCollector tape = engine.newGradientCollector()) {
                        loss = function.value(x);
                        tape.backward(loss);
                    }
                    rows[k] = row(loss.toType(DataType.FLOAT64, false).getDouble(), x);
                    if (k == steps) {
                        break;
                    }
                    NDArray[] updates = {x.getGradient()};
                    optimizer.update(updates, state, params);
                    x.addi(updates[0]);
                    Compute.zeroGradient(x);
                }
            }
        }
        return new Trajectory(rows);
    }

    private static NDArray[] stateArrays(NDArray x, TransformState state) {
        List<NDArray> all = new ArrayList<>();
        all.add(x);
        all.addAll(state.allArrays());
        return all.toArray(NDArray[]::new);
    }

    private static double[] row(double loss, NDArray x) {
        double[] values = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] r = new double[values.length + 1];
        r[0] = loss;
        System.arraycopy(values, 0, r, 1, values.length);
        return r;
    }

    /** The CSV text: header {@code step,loss,x0,x1,…}, one row per step. */
    public String toCsv() {
        StringBuilder b = new StringBuilder("step,loss");
        for (int i = 1; i < rows[0].length; i++) {
            b.append(",x").append(i - 1);
        }
        b.append('\n');
        for (int k = 0; k < rows.length; k++) {
            b.append(k);
            for (double v : rows[k]) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
