package io.kindling.tune;

import java.util.Map;

/**
 * One searched parameter.
 *
 * @param name its dotted name: the configuration key, then the argument path, with the chosen
 *     option's label inserted below a choice ({@code optimizer.lr}, {@code init.orthogonal.gain})
 * @param distribution where its values come from
 * @param parent the choice it depends on, or null when it is always searched
 * @param parentChoice the index of the parent's option under which it is searched
 */
public record Param(String name, Distribution distribution, String parent, int parentChoice) {

    /** Whether this parameter is searched, given the values of the parameters before it. */
    public boolean activeIn(Map<String, Double> values) {
        if (parent == null) {
            return true;
        }
        Double p = values.get(parent);
        return p != null && p == parentChoice;
    }
}
