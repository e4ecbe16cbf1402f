package io.kindling.cli;

import io.kindling.config.Registry;
import io.kindling.data.Datasets;
import io.kindling.init.Initializers;
import io.kindling.nn.Activations;
import io.kindling.nn.Models;
import io.kindling.optim.Optimizers;
import io.kindling.schedule.Schedules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kindling list}: every registered name with a one-line summary. */
@Command(
        name = "list",
        description = {
            "List registered names: initializers, optimizers, models, activations," + " datasets.",
            "",
            "Examples:",
            "  kindling list",
            "  kindling list initializers"
        },
        mixinStandardHelpOptions = true)
final class ListCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "KIND",
            description = "initializers | optimizers | schedules | models | activations | datasets")
    String kind;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Registry<?>> registries = new LinkedHashMap<>();
        registries.put("initializers", Initializers.REGISTRY);
        registries.put("optimizers", Optimizers.REGISTRY);
        registries.put("schedules", Schedules.REGISTRY);
        registries.put("models", Models.REGISTRY);
        registries.put("activations", Activations.REGISTRY);
        registries.put("datasets", Datasets.REGISTRY);
        if (kind != null && !registries.containsKey(kind)) {
            throw new IllegalArgumentException(
                    "Unknown kind '"
                            + kind
                            + "'; accepted: "
                            + String.join(", ", registries.keySet()));
        }
        var out = spec.commandLine().getOut();
        registries.forEach(
                (name, registry) -> {
                    if (kind == null || kind.equals(name)) {
                        out.println(name + ":");
                        for (String n : registry.names()) {
                            out.printf("  %-16s %s%n", n, registry.summary(n));
                        }
                    }
                });
        out.flush();
        return 0;
    }
}
