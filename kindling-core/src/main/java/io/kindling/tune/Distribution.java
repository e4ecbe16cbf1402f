package io.kindling.tune;

import io.kindling.config.Expr;

/**
 * Where one searched parameter takes its values. A value has two forms: the internal one (a double:
 * the number itself, or a choice's index), which samplers and the study database use, and the
 * external one (an expression), which goes into the trial's configuration.
 */
public sealed interface Distribution
        permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** The value as an expression for the configuration. */
    Expr external(double internal);

    /** The value as a short text for tables ({@code trials.csv}, the report). */
    String display(double internal);

    /** Whether {@code internal} is a value of this distribution. */
    boolean contains(double internal);

    /**
     * The distribution in the expression language, e.g. {@code float(low=0.001, high=1, log=true)}.
     */
    String print();
}
