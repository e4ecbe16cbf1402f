package io.kindling.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/**
 * A DJL parameter together with the context the model builder recorded for it.
 *
 * @param context what initializers and selectors know about the parameter
 * @param parameter the DJL parameter that holds the values
 */
public record ModelParameter(ParamContext context, Parameter parameter) {

    /** The parameter's current values (the live engine tensor, not a copy). */
    public NDArray array() {
        return parameter.getArray();
    }

    /** The parameter's name, e.g. {@code layer1.weight}. */
    public String name() {
        return context.name();
    }
}
