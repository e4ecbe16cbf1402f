package io.kindling.tune;

import io.kindling.config.Arg;
import io.kindling.config.Call;
import io.kindling.config.ConfigException;
import io.kindling.config.Expr;
import io.kindling.config.ExprParser;
import io.kindling.config.ExprPrinter;
import io.kindling.config.ListExpr;
import io.kindling.config.Num;
import io.kindling.config.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters a study searches and how a choice of values becomes a configuration. Written in an
 * experiment file's {@code search:} mapping, each key a configuration key optionally followed by an
 * argument path, each value an expression in which {@code float(...)}, {@code int(...)} and {@code
 * choice(options=[...])} mark what is searched:
 *
 * <pre>
 * search:
 *   init: choice(options=[kaiming_normal, orthogonal(gain=float(low=0.5, high=2)), lsuv(base=orthogonal)])
 *   optimizer.lr: float(low=1e-3, high=0.3, log=true)
 *   batch: int(low=32, high=256, log=true)
 * </pre>
 *
 * A distribution inside a choice's option (here {@code init.orthogonal.gain}) is conditional:
 * searched only in trials that choose that option. A YAML list is short for a choice.
 *
 * @param entries the {@code search:} entries in order
 * @param params every parameter, each after the choice it depends on
 */
public record SearchSpace(List<Entry> entries, List<Param> params) {

    /** Names that mark a searched value inside an expression. */
    public static final Set<String> MARKERS = Set.of("float", "int", "choice");

    /**
     * One {@code search:} entry.
     *
     * @param key the configuration key
     * @param path argument names below the key's expression (empty: the whole value)
     * @param template the value with its searched parts
     */
    public record Entry(String key, List<String> path, Expr template) {

        /** The entry's name: key and path joined by dots. */
        public String name() {
            return path.isEmpty() ? key : key + "." + String.join(".", path);
        }
    }

    public SearchSpace {
        entries = List.copyOf(entries);
        params = List.copyOf(params);
    }

    /** A space of unconditional parameters with no configuration behind them (test objectives). */
    public static SearchSpace of(Map<String, Distribution> params) {
        List<Param> list = new ArrayList<>();
        params.forEach((n, d) -> list.add(new Param(n, d, null, -1)));
        return new SearchSpace(List.of(), list);
    }

    /**
     * Reads a {@code search:} mapping.
     *
     * @param search entry name → expression text or YAML list of option texts
     * @param keys the configuration keys that may be searched, for the unknown-key message
     * @throws ConfigException for an unknown key, a bad distribution or no searched value
     */
    public static SearchSpace parse(Map<String, Object> search, List<String> keys) {
        if (search == null || search.isEmpty()) {
            throw new ConfigException(
                    "The search: mapping is empty; give at least one entry,"
                            + " e.g. optimizer.lr: float(low=1e-3, high=0.3, log=true)");
        }
        List<Entry> entries = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        for (Map.Entry<String, Object> e : search.entrySet()) {
            String name = e.getKey().replace('-', '_');
            String[] parts = name.split("\\.");
            if (!keys.contains(parts[0])) {
                throw new ConfigException(
                        "Unknown key '"
                                + parts[0]
                                + "' in search entry '"
                                + e.getKey()
                                + "'"
                                + suggestion(parts[0], keys)
                                + "; searchable keys: "
                                + String.join(", ", keys));
            }
            Expr template = template(name, e.getValue());
            int before = params.size();
            collect(template, name, null, -1, params);
            if (params.size() == before) {
                throw new ConfigException(
                        "Search entry '"
                                + name
                                + "' = "
                                + template
                                + " searches nothing; mark the searched value with float(low=, high=),"
                                + " int(low=, high=) or choice(options=[...])");
            }
            entries.add(new Entry(parts[0], List.of(parts).subList(1, parts.length), template));
        }
        return new SearchSpace(entries, params);
    }

    /** The parameter called {@code name}, or null. */
    public Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** The canonical text of the space, one entry per line (what the study database keeps). */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (entries.isEmpty()) {
            params.forEach(
                    p ->
                            s.append(p.name())
                                    .append(": ")
                                    .append(p.distribution().print())
                                    .append('\n'));
        }
        entries.forEach(e -> s.append(e.name()).append(": ").append(e.template()).append('\n'));
        return s.toString();
    }

    /**
     * The configuration values a trial's parameters give: for each entry, its key's value with the
     * searched parts replaced.
     *
     * @param base the experiment's values (key → value as written)
     * @param defaults a key's default expression text, for an argument path on a key not given
     * @param values the trial's internal values (inactive parameters absent)
     * @return key → expression text, to put over the experiment's values
     */
    public Map<String, Object> configure(
            Map<String, Object> base, Map<String, String> defaults, Map<String, Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            Expr value = substitute(e.template(), e.name(), values);
            if (e.path().isEmpty()) {
                out.put(e.key(), ExprPrinter.print(value));
                continue;
            }
            Object current = out.containsKey(e.key()) ? out.get(e.key()) : base.get(e.key());
            if (current == null) {
                current = defaults.get(e.key());
            }
            if (current == null || current instanceof List<?> || current instanceof Map<?, ?>) {
                throw new ConfigException(
                        "Search entry '"
                                + e.name()
                                + "' sets an argument of '"
                                + e.key()
                                + "', which "
                                + (current == null ? "has no value" : "is not a single expression")
                                + "; give "
                                + e.key()
                                + " an expression in the experiment, or search the whole key");
            }
            Expr expr = ExprParser.parse(current.toString());
            out.put(e.key(), ExprPrinter.print(setArg(expr, e.path(), value, e.name())));
        }
        return out;
    }

    private static Expr template(String name, Object value) {
        if (value instanceof List<?> list) {
            List<Expr> options = new ArrayList<>();
            for (Object o : list) {
                options.add(ExprParser.parse(String.valueOf(o)));
            }
            return new Call(
                    "choice",
                    List.of(
                            new Arg(
                                    "options",
                                    new ListExpr(options, Position.NONE),
                                    Position.NONE)),
                    Position.NONE);
        }
        if (value == null) {
            throw new ConfigException("Search entry '" + name + "' has no value");
        }
        try {
            return ExprParser.parse(value.toString());
        } catch (ConfigException ex) {
            throw new ConfigException("Search entry '" + name + "': " + ex.getMessage());
        }
    }

    /** Adds the parameters marked in {@code e} (named from {@code name}) in tree order. */
    private static void collect(
            Expr e, String name, String parent, int parentChoice, List<Param> out) {
        if (e instanceof ListExpr l) {
            for (int i = 0; i < l.items().size(); i++) {
                collect(l.items().get(i), name + "." + i, parent, parentChoice, out);
            }
            return;
        }
        if (!(e instanceof Call c)) {
            return;
        }
        if (!MARKERS.contains(c.name()) || c.args().isEmpty()) {
            for (Arg a : c.args()) {
                collect(a.value(), name + "." + a.key(), parent, parentChoice, out);
            }
            return;
        }
        if (out.stream().anyMatch(p -> p.name().equals(name))) {
            throw new ConfigException(
                    "Search parameter '"
                            + name
                            + "' is given twice; search"
                            + " each value in one place");
        }
        Distribution d = Distributions.of(name, c);
        out.add(new Param(name, d, parent, parentChoice));
        if (d instanceof CategoricalDistribution choice) {
            for (int i = 0; i < choice.size(); i++) {
                collect(choice.options().get(i), name + "." + choice.labels().get(i), name, i, out);
            }
        }
    }

    /** {@code e} with every searched part replaced by the trial's value. */
    private static Expr substitute(Expr e, String name, Map<String, Double> values) {
        if (e instanceof ListExpr l) {
            List<Expr> items = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                items.add(substitute(l.items().get(i), name + "." + i, values));
            }
            return new ListExpr(items, l.position());
        }
        if (!(e instanceof Call c)) {
            return e;
        }
        if (!MARKERS.contains(c.name()) || c.args().isEmpty()) {
            List<Arg> args = new ArrayList<>();
            for (Arg a : c.args()) {
                args.add(
                        new Arg(
                                a.key(),
                                substitute(a.value(), name + "." + a.key(), values),
                                a.position()));
            }
            return new Call(c.name(), args, c.position());
        }
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no value for active parameter " + name);
        }
        Distribution d = Distributions.of(name, c);
        Expr chosen = d.external(v);
        if (d instanceof CategoricalDistribution choice) {
            String label = choice.labels().get((int) (double) v);
            return substitute(chosen, name + "." + label, values);
        }
        return chosen;
    }

    private static Expr setArg(Expr expr, List<String> path, Expr value, String name) {
        if (path.isEmpty()) {
            return value;
        }
        if (!(expr instanceof Call c)) {
            throw new ConfigException(
                    "Search entry '"
                            + name
                            + "': '"
                            + expr
                            + "' has no"
                            + " argument '"
                            + path.get(0)
                            + "'");
        }
        List<Arg> args = new ArrayList<>(c.args());
        String key = path.get(0);
        List<String> rest = path.subList(1, path.size());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).key().equals(key)) {
                args.set(
                        i,
                        new Arg(
                                key,
                                setArg(args.get(i).value(), rest, value, name),
                                Position.NONE));
                return new Call(c.name(), args, c.position());
            }
        }
        if (!rest.isEmpty()) {
            throw new ConfigException(
                    "Search entry '"
                            + name
                            + "': "
                            + c.name()
                            + " has no"
                            + " argument '"
                            + key
                            + "' to search below; write it in the experiment");
        }
        args.add(new Arg(key, value, Position.NONE));
        return new Call(c.name(), args, c.position());
    }

    private static String suggestion(String bad, List<String> keys) {
        String best = null;
        int bestD = 3;
        for (String k : keys) {
            int d = distance(bad, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] =
                        Math.min(
                                Math.min(cur[j - 1], prev[j]) + 1,
                                prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }

    static Num number(double v) {
        return new Num(v, Position.NONE);
    }
}
