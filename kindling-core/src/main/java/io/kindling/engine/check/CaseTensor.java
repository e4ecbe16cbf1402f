package io.kindling.engine.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A deterministic tensor of a golden case, {@code value[k] = offset + scale·sin(0.37·k + phase)}
 * over the flattened tensor, computed in float64 and rounded to float32. The reference script
 * rounds the same way before it computes in float64, so both sides start from identical float32
 * numbers and no file has to carry inputs or parameters.
 *
 * @param name PyTorch's name ({@code input}, {@code weight_ih_l0}, {@code running_var}, …)
 * @param shape the tensor's shape, as PyTorch lays it out
 * @param phase the phase (the tensor's index in the case: the input 0, parameters from 1)
 * @param scale the amplitude
 * @param offset the centre
 * @param buffer whether it is a buffer (batch norm's running statistics): no gradient
 */
public record CaseTensor(
        String name, List<Long> shape, double phase, double scale, double offset, boolean buffer) {

    public CaseTensor {
        shape = List.copyOf(shape);
    }

    /** The shape as DJL's {@link Shape}. */
    public Shape djlShape() {
        return new Shape(shape.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The values, float32, in row-major order. They are the case's input data, not a computation
     * under test, so they are made here ({@link StrictMath#sin} is fdlibm's, the same on every JVM)
     * and reach the engine in one call: a dozen engine calls per tensor made the check several
     * times slower. PyTorch's float64 sine and fdlibm's agree to within an ulp, so rounding to
     * float32 gives the same numbers as the reference script (a tie would move one value by one
     * float32 ulp, 1000 times less than the tolerance).
     */
    public float[] values() {
        long n = djlShape().size();
        float[] v = new float[Math.toIntExact(n)];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (offset + scale * StrictMath.sin(0.37 * k + phase));
        }
        return v;
    }

    /** The tensor, float32, owned by {@code manager}. */
    public NDArray create(NDManager manager) {
        return manager.create(values(), djlShape());
    }
}
