package io.kindling.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.kindling.config.ConfigException;
import io.kindling.nn.Model;
import io.kindling.nn.ModelParameter;
import io.kindling.nn.ParamContext;
import io.kindling.nn.Recurrence;
import io.kindling.nn.Role;
import io.kindling.nn.Transformer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered list of {@code selector → initializer} rules; the first rule that matches a parameter
 * initializes it. Batch-norm running statistics are not initialized by the plan: they keep their
 * definition (mean 0, variance 1).
 *
 * @param rules the rules, first match wins
 * @param name the name of a ready-made plan ({@code gpt2}, …), or the empty string
 * @param requires projections ({@link io.kindling.nn.Transformer#PROJECTION} values) the model must
 *     have for the plan to mean what it says (GPT-2's plan needs {@code attention_out} and {@code
 *     mlp_out}); empty for plans that fit any model
 * @param otherwise the plan used instead on a model that lacks a required projection (a plan named
 *     like an initializer, {@code mup}, falls back to that initializer for the weights), or null to
 *     refuse such a model
 */
public record InitPlan(List<Rule> rules, String name, List<String> requires, InitPlan otherwise) {

    /**
     * One rule of a plan.
     *
     * @param selector which parameters
     * @param initializer how to fill them
     */
    public record Rule(Selector selector, Initializer initializer) {}

    /**
     * A resolved entry: which rule a parameter, or one gate slice of a packed recurrent parameter,
     * got.
     *
     * @param parameter the parameter
     * @param rule the rule that matched
     * @param slice the index of the gate slice in {@link ModelParameter#slices()}, or −1 for the
     *     whole parameter
     */
    public record Entry(ModelParameter parameter, Rule rule, int slice) {

        /** An entry for a whole parameter. */
        public Entry(ModelParameter parameter, Rule rule) {
            this(parameter, rule, -1);
        }

        /** The context the rule initialized: the parameter's, or its gate slice's. */
        public ParamContext context() {
            return slice < 0 ? parameter.context() : parameter.slices().get(slice);
        }

        /** The values the rule initialized (a view of the slice's rows). */
        public NDArray values() {
            return slice < 0 ? parameter.array() : parameter.slice(slice);
        }
    }

    public InitPlan {
        rules = List.copyOf(rules);
        name = name == null ? "" : name;
        requires = List.copyOf(requires);
    }

    /** A plan of explicit rules, fitting any model. */
    public InitPlan(List<Rule> rules) {
        this(rules, "", List.of(), null);
    }

    /** This plan, falling back to {@code other} on models without the required projections. */
    public InitPlan orElse(InitPlan other) {
        return new InitPlan(rules, name, requires, other);
    }

    /**
     * The plan behind {@code --init EXPR}: biases and norm shifts zero, norm gains one, residual
     * gates zero (ReZero/SkipInit α) and scalar multipliers one (Fixup's), and every other
     * parameter (the weights) from {@code weights}.
     */
    public static InitPlan forWeights(Initializer weights) {
        return new InitPlan(
                List.of(
                        new Rule(Selector.parse("role=bias"), new Constant(0)),
                        new Rule(Selector.parse("role=recurrent_bias"), new Constant(0)),
                        new Rule(Selector.parse("role=gain"), new Constant(1)),
                        new Rule(Selector.parse("role=shift"), new Constant(0)),
                        new Rule(Selector.parse("role=gate"), new Constant(0)),
                        new Rule(Selector.parse("role=scale"), new Constant(1)),
                        new Rule(Selector.parse("*"), weights)));
    }

    /**
     * Resolves which rule each initialized parameter gets, without sampling anything, and checks
     * that each initializer fits its parameters.
     *
     * <p>A packed recurrent parameter is resolved gate slice by gate slice: each slice gets the
     * first rule that matches its own context (with its gate), so {@code recurrent} makes each
     * gate's H×H block orthogonal and {@code bias & gate=forget} reaches one bias vector's forget
     * rows.
     *
     * @throws ConfigException if no rule matches a parameter, if a rule naming a gate matches no
     *     gate slice of this model, if fixup is used on a model without residual branches, if a
     *     data-dependent init would refine a gate slice, or if an initializer cannot fill a
     *     parameter's shape
     */
    public List<Entry> resolve(Model model) {
        for (String projection : requires) {
            if (model.parameters().stream()
                    .noneMatch(p -> p.context().tag(Transformer.PROJECTION).equals(projection))) {
                if (otherwise != null) {
                    return otherwise.resolve(model);
                }
                throw new ConfigException(
                        "init plan "
                                + name
                                + " needs parameters with projection="
                                + projection
                                + " (it was written for Transformers), but "
                                + model.spec().print()
                                + " has none; use it with gpt(...) or write the rules"
                                + " out for this model");
            }
        }
        List<Rule> bound =
                rules.stream()
                        .map(r -> new Rule(r.selector(), r.initializer().bind(model)))
                        .toList();
        List<Entry> entries = new ArrayList<>();
        Set<Rule> modelChecked = new HashSet<>();
        Set<Rule> matched = new HashSet<>();
        for (ModelParameter p : model.parameters()) {
            if (p.context().role() == Role.BUFFER) {
                continue;
            }
            int units = p.slices().isEmpty() ? 1 : p.slices().size();
            for (int i = 0; i < units; i++) {
                int slice = p.slices().isEmpty() ? -1 : i;
                ParamContext c = slice < 0 ? p.context() : p.slices().get(slice);
                bound.stream().filter(r -> r.selector().matches(c)).forEach(matched::add);
                Rule rule = ruleFor(bound, c);
                if (modelChecked.add(rule)) {
                    rule.initializer().checkFits(model);
                }
                if (slice >= 0 && rule.initializer() instanceof DataDependent) {
                    throw new ConfigException(
                            rule.initializer().print()
                                    + " refines whole layers on data and cannot initialize the"
                                    + " gate slice "
                                    + c.name()
                                    + "; give that slice a static rule before it");
                }
                rule.initializer().checkFits(c);
                entries.add(new Entry(p, rule, slice));
            }
        }
        for (Rule r : bound) {
            if (r.selector().namesSlices() && !matched.contains(r)) {
                throw new ConfigException(gateError(r, model));
            }
        }
        return entries;
    }

    private static Rule ruleFor(List<Rule> rules, ParamContext c) {
        return rules.stream()
                .filter(r -> r.selector().matches(c))
                .findFirst()
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        "No init rule matches parameter "
                                                + c.name()
                                                + " ("
                                                + c.layer().label()
                                                + " "
                                                + c.role().label()
                                                + ", depth "
                                                + c.depthIndex()
                                                + "); add a final rule for '*'"));
    }

    private static String gateError(Rule r, Model model) {
        Set<String> gates = new java.util.LinkedHashSet<>();
        for (ModelParameter p : model.parameters()) {
            p.slices().forEach(s -> gates.add(s.tag(Recurrence.GATE)));
        }
        return "init rule '"
                + r.selector().text()
                + "' names a gate but matches no gate slice of "
                + model.spec().print()
                + (gates.isEmpty()
                        ? ", which has no gated parameters (gates exist in lstm(...): input,"
                                + " forget, cell, output; gru(...): reset, update, new)"
                        : "; its gates are " + String.join(", ", gates));
    }

    /** Whether any rule's initializer needs a batch of data after the static pass. */
    public boolean needsData() {
        return rules.stream().anyMatch(r -> r.initializer() instanceof DataDependent);
    }

    /**
     * Runs the data-dependent initializers (LSUV, …) on a batch, each over the parameters its rules
     * matched, in model order.
     *
     * @param model the statically initialized model
     * @param entries the entries {@link #apply} returned
     * @param batch training inputs
     * @param store parameter store for forward passes
     * @return what each refinement did, one line per parameter
     */
    public List<String> refine(
            Model model, List<Entry> entries, NDArray batch, ParameterStore store) {
        Map<DataDependent, List<ModelParameter>> byInit = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.slice() < 0 && e.rule().initializer() instanceof DataDependent d) {
                byInit.computeIfAbsent(d, k -> new ArrayList<>()).add(e.parameter());
            }
        }
        List<String> report = new ArrayList<>();
        byInit.forEach((init, params) -> report.addAll(init.refine(model, params, batch, store)));
        return report;
    }

    /** The plan as YAML-ready rules: {@code [{match: ..., init: ...}, ...]}. */
    public List<Map<String, String>> describe() {
        List<Map<String, String>> out = new ArrayList<>();
        for (Rule r : rules) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("match", r.selector().text());
            m.put("init", r.initializer().print());
            out.add(m);
        }
        return out;
    }

    /**
     * Samples every parameter of the model by its rule, in parameter order (so the same engine seed
     * gives the same tensors).
     *
     * @param model the freshly built model
     * @param manager the manager that will own the parameters
     * @return the resolved entries
     */
    public List<Entry> apply(Model model, NDManager manager) {
        List<Entry> entries = resolve(model);
        Map<ModelParameter, List<Entry>> byParameter = new LinkedHashMap<>();
        for (Entry e : entries) {
            byParameter.computeIfAbsent(e.parameter(), k -> new ArrayList<>()).add(e);
        }
        byParameter.forEach(
                (p, units) -> {
                    var context = p.context();
                    p.parameter()
                            .setInitializer(
                                    (m, shape, type) -> {
                                        if (!shape.equals(context.shape())) {
                                            throw new IllegalStateException(
                                                    "Parameter "
                                                            + context.name()
                                                            + " has shape "
                                                            + shape
                                                            + " but its context says "
                                                            + context.shape());
                                        }
                                        return sample(units, m);
                                    });
                });
        model.block().initialize(manager, DataType.FLOAT32, model.inputShape());
        return entries;
    }

    /** A whole parameter, or its gate slices sampled in row order and stacked. */
    private static NDArray sample(List<Entry> units, NDManager m) {
        if (units.size() == 1 && units.get(0).slice() < 0) {
            Entry e = units.get(0);
            return e.rule().initializer().sample(e.context(), m);
        }
        NDList parts = new NDList();
        for (Entry e : units) {
            parts.add(e.rule().initializer().sample(e.context(), m));
        }
        NDArray whole = NDArrays.concat(parts, 0);
        parts.close();
        return whole;
    }
}
