package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A DJL parameter together with the context the model builder recorded for it.
 *
 * <p>A recurrent layer packs its gates into the rows of one tensor (LSTM i|f|g|o, GRU r|z|n); such
 * a parameter carries one context per gate in {@code slices} — equal blocks of rows, in order — and
 * the init plan fills each block by its own rule. The optimizer and checkpoints see the whole
 * tensor.
 *
 * @param context what initializers and selectors know about the whole parameter
 * @param parameter the DJL parameter that holds the values
 * @param slices per-gate contexts of equal row blocks, in row order, or empty
 */
public record ModelParameter(ParamContext context, Parameter parameter, List<ParamContext> slices) {

    public ModelParameter {
        slices = List.copyOf(slices);
    }

    /** A parameter that is not split into gate slices. */
    public ModelParameter(ParamContext context, Parameter parameter) {
        this(context, parameter, List.of());
    }

    /** The parameter's current values (the live engine tensor, not a copy). */
    public NDArray array() {
        return parameter.getArray();
    }

    /** The values of gate slice {@code i} (rows {@code i·r … (i+1)·r − 1}). */
    public NDArray slice(int i) {
        long rows = slices.get(i).shape().get(0);
        return array().get(new NDIndex("{}:{}", i * rows, (i + 1) * rows));
    }

    /** The parameter's name, e.g. {@code layer1.weight}. */
    public String name() {
        return context.name();
    }
}
