package io.kindling.tune;

import io.kindling.config.Arg;
import io.kindling.config.Bool;
import io.kindling.config.Call;
import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.ListExpr;
import io.kindling.config.Num;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code float(...)}, {@code int(...)} and {@code choice(...)}, with messages that name the
 * parameter.
 */
final class Distributions {

    private static final Map<String, List<String>> ACCEPTED =
            Map.of(
                    "float", List.of("low", "high", "log", "step"),
                    "int", List.of("low", "high", "log", "step"),
                    "choice", List.of("options"));

    private Distributions() {}

    static Distribution of(String name, Call c) {
        for (Arg a : c.args()) {
            if (!ACCEPTED.get(c.name()).contains(a.key())) {
                throw new ConfigException(
                        "Search parameter '"
                                + name
                                + "': unknown argument '"
                                + a.key()
                                + "' of "
                                + c.name()
                                + "; accepted: "
                                + String.join(", ", ACCEPTED.get(c.name())));
            }
        }
        if (c.name().equals("choice")) {
            return choice(name, c);
        }
        double low = number(name, c, "low");
        double high = number(name, c, "high");
        boolean log = c.arg("log").map(a -> bool(name, a)).orElse(false);
        Double step = c.arg("step").isPresent() ? number(name, c, "step") : null;
        try {
            if (c.name().equals("float")) {
                FloatDistribution.refuseLogStep(name, log, step == null ? 0 : step);
                return new FloatDistribution(low, high, log, step == null ? 0 : step);
            }
            if (low != Math.rint(low)
                    || high != Math.rint(high)
                    || (step != null && step != Math.rint(step))) {
                throw new IllegalArgumentException(
                        "int bounds and step must be whole numbers;"
                                + " use float(...) for real numbers");
            }
            if (log && step != null && step != 1) {
                throw new IllegalArgumentException("a log-scaled int takes no step");
            }
            if (step != null && step < 1) {
                throw new IllegalArgumentException("step must be >= 1, got " + step);
            }
            return new IntDistribution(
                    (int) low, (int) high, log, step == null ? 1 : (int) (double) step);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Search parameter '"
                            + name
                            + "' = "
                            + c
                            + ": "
                            + e.getMessage()
                            + fix(e.getMessage()));
        }
    }

    private static String fix(String problem) {
        if (problem.startsWith("empty or inverted")) {
            return "; give low < high";
        }
        if (problem.startsWith("log scale")) {
            return "; make low positive (e.g. 1e-5) or drop log=true";
        }
        if (problem.contains("does not divide")) {
            return "; choose a step that divides high - low, or move high";
        }
        return "";
    }

    private static CategoricalDistribution choice(String name, Call c) {
        Expr options = c.arg("options").map(Arg::value).orElse(null);
        if (!(options instanceof ListExpr list)) {
            throw new ConfigException(
                    "Search parameter '"
                            + name
                            + "' = "
                            + c
                            + ": a choice"
                            + " needs options=[A, B, ...]");
        }
        if (list.items().size() < 2) {
            throw new ConfigException(
                    "Search parameter '"
                            + name
                            + "' = "
                            + c
                            + ": a choice"
                            + " needs at least two options (with one, write the value itself instead"
                            + " of searching it)");
        }
        List<String> labels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean repeated = false;
        for (Expr o : list.items()) {
            String label = o instanceof Call call ? call.name() : o.toString();
            repeated |= !names.add(label);
            labels.add(label);
        }
        if (repeated) {
            labels.clear();
            for (Expr o : list.items()) {
                if (labels.contains(o.toString())) {
                    throw new ConfigException(
                            "Search parameter '"
                                    + name
                                    + "': option "
                                    + o
                                    + " is given twice; each option must differ");
                }
                labels.add(o.toString());
            }
        }
        return new CategoricalDistribution(list.items(), labels);
    }

    private static double number(String name, Call c, String key) {
        Expr v = c.arg(key).map(Arg::value).orElse(null);
        if (!(v instanceof Num n)) {
            throw new ConfigException(
                    "Search parameter '"
                            + name
                            + "' = "
                            + c
                            + ": "
                            + key
                            + (v == null ? " is missing" : " must be a number, got " + v)
                            + "; write "
                            + c.name()
                            + "(low=A, high=B)");
        }
        return n.value();
    }

    private static boolean bool(String name, Arg a) {
        if (a.value() instanceof Bool b) {
            return b.value();
        }
        throw new ConfigException(
                "Search parameter '"
                        + name
                        + "': "
                        + a.key()
                        + " must be true or false, got "
                        + a.value());
    }
}
