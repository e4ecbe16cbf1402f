package io.kindling.train;

import io.kindling.config.ConfigException;
import io.kindling.init.InitPlan;
import io.kindling.init.InitPlans;
import io.kindling.init.Initializer;
import io.kindling.init.Initializers;
import io.kindling.init.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The initialization a run asked for: either one initializer for the weights ({@code --init EXPR}:
 * biases and norm shifts zero, norm gains one), or an explicit list of {@code {match: SELECTOR,
 * init: EXPR}} rules from an experiment file, first match wins.
 *
 * @param plan the resolved plan
 * @param weights the single weight initializer, or null when rules were given
 */
public record InitSpec(InitPlan plan, Initializer weights) {

    /** The plan behind {@code --init EXPR}. */
    public static InitSpec forWeights(Initializer weights) {
        return new InitSpec(InitPlan.forWeights(weights), weights);
    }

    /**
     * Reads the {@code init} value of an experiment: an expression, or a list of rules.
     *
     * @param value a string or a list of maps with keys {@code match} and {@code init}
     * @return the spec
     */
    public static InitSpec parse(Object value) {
        if (!(value instanceof List<?> list)) {
            String text = value.toString().trim();
            Optional<InitPlan> named = InitPlans.find(text);
            if (named.isPresent()) {
                InitPlan plan = named.get();
                // mup, deepnorm, t_fixup, small_init also name initializers: on a model without
                // Transformer projections they keep meaning the initializer for every weight.
                if (Initializers.REGISTRY.names().contains(text)) {
                    plan = plan.orElse(InitPlan.forWeights(Initializers.REGISTRY.parse(text)));
                }
                return new InitSpec(plan, null);
            }
            return forWeights(Initializers.REGISTRY.parse(text));
        }
        if (list.isEmpty()) {
            throw new ConfigException(
                    "init: the list of rules is empty; give at least"
                            + " {match: \"*\", init: EXPR}");
        }
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)
                    || !m.containsKey("match")
                    || !m.containsKey("init")
                    || m.size() != 2) {
                throw new ConfigException(
                        "init rule "
                                + (i + 1)
                                + " must be {match: SELECTOR,"
                                + " init: EXPR}, got "
                                + list.get(i));
            }
            rules.add(
                    new InitPlan.Rule(
                            Selector.parse(String.valueOf(m.get("match"))),
                            Initializers.REGISTRY.parse(String.valueOf(m.get("init")))));
        }
        return new InitSpec(new InitPlan(rules), null);
    }

    /** The form written to {@code config.yaml}: the expression, or the list of rules. */
    public Object describe() {
        if (weights == null && !plan.name().isEmpty()) {
            return plan.name();
        }
        return weights != null ? weights.print() : plan.describe();
    }

    /** A one-line text form for the console. */
    public String print() {
        if (weights == null && !plan.name().isEmpty()) {
            return plan.name() + " " + plan.describe();
        }
        return weights != null ? weights.print() : plan.describe().toString();
    }
}
