package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import java.util.List;

/**
 * An initializer that, after every static rule has run, refines its parameters on a batch of real
 * training data (LSUV, weight-norm data init, …).
 */
public interface DataDependent {

    /**
     * Refines the parameters this initializer was given, in model order.
     *
     * @param model the initialized model
     * @param mine the parameters whose rule named this initializer
     * @param batch a batch of training inputs
     * @param store the parameter store for forward passes
     * @return one line per refined parameter, saying what was done
     */
    List<String> refine(
            Model model, List<ModelParameter> mine, NDArray batch, ParameterStore store);
}
