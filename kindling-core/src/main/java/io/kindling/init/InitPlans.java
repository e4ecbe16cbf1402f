package io.kindling.init;

import io.kindling.config.ConfigException;
import io.kindling.config.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ready-made init plans for Transformers, by role, each a named list of {@code selector →
 * initializer} rules ({@code init: gpt2} in an experiment, {@code --init gpt2} on the command line,
 * printed by {@code kindling plan}). Every plan starts with biases and norm shifts 0 and norm gains
 * 1, and needs the projections it names (an MLP has no {@code attention_out}: refused).
 *
 * <pre>
 * gpt2        projection=attention_out|mlp_out → normal(0.02)/√(2L)   (scaled_residual)
 *             everything else (embeddings, q, k, v, mlp_in, head) → normal(std=0.02)
 *             Radford et al. 2019 §2.3; nanoGPT's _init_weights.
 * deepnorm    projection=query|key → xavier_normal (gain 1)
 *             value, attention_out, mlp_in, mlp_out → xavier_normal·β, β = (8L)^(−1/4)
 *             everything else → normal(std=0.02); the model applies α = (2L)^(1/4) with
 *             gpt(norm=deepnorm). Wang et al. 2022, arXiv:2203.00555, Fig. 2.
 * mup         projection=query → 0; embeddings → normal(std=0.02) (width-independent);
 *             every other weight → lecun_normal (variance 1/fan_in). With gpt(mup_base_width=W0)
 *             (attention 1/d, readout W0/width) and Adam lr ∝ 1/width_mult on hidden matrices
 *             through optimizer groups. Yang et al. 2022, arXiv:2203.03466, Table 3, App. D.2.
 * t_fixup     every weight → t_fixup (embeddings and value/attention_out/mlp scaled by
 *             (9L)^(−1/4)); with gpt(norm=none), no warm-up. Huang et al. 2020, §3.3.
 * small_init  embeddings → small_init, N(0, 2/(5d)); the rest as gpt2. Nguyen &amp; Salazar
 *             2019, arXiv:1910.05895.
 * </pre>
 */
public final class InitPlans {

    private static final Map<String, InitPlan> PLANS = build();

    private InitPlans() {}

    /** The names of the ready-made plans. */
    public static List<String> names() {
        return List.copyOf(PLANS.keySet());
    }

    /** The plan named {@code name}, if there is one. */
    public static Optional<InitPlan> find(String name) {
        return Optional.ofNullable(PLANS.get(name.trim()));
    }

    /**
     * The plan named {@code name}.
     *
     * @throws ConfigException listing the plans when there is none by that name
     */
    public static InitPlan get(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new ConfigException(
                                        "Unknown init plan '"
                                                + name
                                                + "'"
                                                + Suggestions.didYouMean(name, names())
                                                + "; known: "
                                                + String.join(", ", names())));
    }

    private static Map<String, InitPlan> build() {
        Map<String, InitPlan> m = new LinkedHashMap<>();
        m.put(
                "gpt2",
                plan(
                        "gpt2",
                        List.of("attention_out", "mlp_out"),
                        "projection=attention_out|mlp_out",
                        "scaled_residual(base=normal(std=0.02))",
                        "*",
                        "normal(std=0.02)"));
        m.put(
                "deepnorm",
                plan(
                        "deepnorm",
                        List.of("query", "value", "attention_out", "mlp_out"),
                        "projection=query|key|value|attention_out|mlp_in|mlp_out",
                        "deepnorm(arch=decoder)",
                        "*",
                        "normal(std=0.02)"));
        m.put(
                "mup",
                plan(
                        "mup",
                        List.of("query"),
                        "projection=query",
                        "zeros",
                        "layer=embedding",
                        "normal(std=0.02)",
                        "*",
                        "lecun_normal"));
        m.put(
                "t_fixup",
                plan("t_fixup", List.of("value", "attention_out", "mlp_out"), "*", "t_fixup"));
        m.put(
                "small_init",
                plan(
                        "small_init",
                        List.of("token_embedding", "attention_out", "mlp_out"),
                        "layer=embedding",
                        "small_init",
                        "projection=attention_out|mlp_out",
                        "scaled_residual(base=normal(std=0.02))",
                        "*",
                        "normal(std=0.02)"));
        return m;
    }

    /** A plan: the usual constants for biases and norms, then {@code selector, init} pairs. */
    private static InitPlan plan(String name, List<String> requires, String... pairs) {
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(rule("role=bias", "zeros"));
        rules.add(rule("role=gain", "ones"));
        rules.add(rule("role=shift", "zeros"));
        for (int i = 0; i < pairs.length; i += 2) {
            rules.add(rule(pairs[i], pairs[i + 1]));
        }
        return new InitPlan(rules, name, requires, null);
    }

    private static InitPlan.Rule rule(String selector, String init) {
        return new InitPlan.Rule(Selector.parse(selector), Initializers.REGISTRY.parse(init));
    }
}
