package io.kindling.tune;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Chooses the parameters of the next trial. A sampler is a function of its seed, the trial's number
 * and the study so far, so a study is reproducible and several processes sharing one study need no
 * shared sampler state.
 */
public interface Sampler {

    /**
     * The internal values of the active parameters of trial {@code number}.
     *
     * @param study the study so far (trial {@code number} not yet in it)
     * @param number the new trial's number
     * @return parameter name → internal value, for every parameter active under the others
     */
    Map<String, Double> sample(Study study, int number);

    /** How many distinct trials the sampler can propose (a grid's size), if limited. */
    default OptionalInt size(SearchSpace space) {
        return OptionalInt.empty();
    }

    /** The sampler as an expression, e.g. {@code tpe(seed=0, multivariate=true)}. */
    String print();
}
