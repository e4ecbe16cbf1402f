package io.kindling.compare;

import io.kindling.config.ConfigException;
import io.kindling.train.Experiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a comparison's variants from an experiment's keys, overrides and inits. */
public final class Variants {

    private Variants() {}

    /**
     * The variants: one per entry of {@code inits} when given, else one per entry of the file's
     * {@code variants:} list (each overriding keys of the base, with an optional {@code label}).
     *
     * @param file the experiment file's keys, {@code variants} included (may be empty)
     * @param overrides keys from the command line, applied to every variant (nulls ignored)
     * @param inits initializer expressions, one variant each, or empty
     * @return the resolved variants
     * @throws ConfigException for an empty list, a malformed entry or an unknown key
     */
    public static List<Variant> of(
            Map<String, Object> file, Map<String, Object> overrides, List<String> inits) {
        Map<String, Object> base = new LinkedHashMap<>(file);
        Object listed = base.remove("variants");
        Experiment common = new Experiment(base).overriddenBy(overrides);
        List<Variant> variants = new ArrayList<>();
        if (inits != null && !inits.isEmpty()) {
            for (String init : inits) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("init", init);
                variants.add(new Variant(init, common.overriddenBy(o).resolve()));
            }
        } else if (listed instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new ConfigException(
                            "variant "
                                    + (i + 1)
                                    + " must be a mapping like"
                                    + " {label: he, init: kaiming_normal}");
                }
                Map<String, Object> o = new LinkedHashMap<>();
                m.forEach((k, v) -> o.put(String.valueOf(k), v));
                String label = String.valueOf(o.getOrDefault("label", "variant-" + (i + 1)));
                o.remove("label");
                try {
                    variants.add(new Variant(label, common.overriddenBy(o).resolve()));
                } catch (ConfigException e) {
                    throw new ConfigException("variant '" + label + "': " + e.getMessage());
                }
            }
        } else {
            throw new ConfigException(
                    "Nothing to compare: give --init EXPR at least twice, or an"
                            + " experiment file with a non-empty variants: list");
        }
        return variants;
    }
}
