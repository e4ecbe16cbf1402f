package io.kindling.tune;

import io.kindling.config.Expr;
import java.util.List;

/**
 * One of several expressions: {@code choice(options=[kaiming_normal, orthogonal,
 * lsuv(base=orthogonal)])}. The internal value is the option's index. Options may hold searched
 * parameters of their own, searched only when the option is chosen.
 *
 * @param options the options as written (searched arguments still in them)
 * @param labels a short distinct name per option: its name, or its text when names repeat
 */
public record CategoricalDistribution(List<Expr> options, List<String> labels)
        implements Distribution {

    public CategoricalDistribution {
        options = List.copyOf(options);
        labels = List.copyOf(labels);
        if (options.size() < 2 || labels.size() != options.size()) {
            throw new IllegalArgumentException("a choice needs two or more labelled options");
        }
    }

    /** How many options. */
    public int size() {
        return options.size();
    }

    @Override
    public Expr external(double internal) {
        return options.get((int) internal);
    }

    @Override
    public String display(double internal) {
        return labels.get((int) internal);
    }

    @Override
    public boolean contains(double v) {
        return v == Math.rint(v) && v >= 0 && v < options.size();
    }

    @Override
    public String print() {
        StringBuilder s = new StringBuilder("choice(options=[");
        for (int i = 0; i < options.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(options.get(i));
        }
        return s.append("])").toString();
    }
}
