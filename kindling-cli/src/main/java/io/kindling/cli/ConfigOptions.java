package io.kindling.cli;

import io.kindling.train.ConfigKey;
import io.kindling.train.ConfigKey.Group;
import io.kindling.train.Experiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The experiment file and one option per {@link ConfigKey} in the groups a command takes, built
 * from the table: the one options mixin of {@code train}, {@code cv}, {@code compare}, {@code plan}
 * and {@code diagnose}. A command holds it as {@code @Mixin ConfigOptions options =
 * ConfigOptions.of(Group.MODEL)}; picocli then calls {@link Install}, which adds the options to the
 * command.
 */
@Command(modelTransformer = ConfigOptions.Install.class)
final class ConfigOptions {

    private final Set<Group> groups;
    private final Set<ConfigKey> except = EnumSet.noneOf(ConfigKey.class);
    private final Map<ConfigKey, String> descriptions = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, Object> defaults = new EnumMap<>(ConfigKey.class);
    private String fileDescription;

    private Path file;
    private final Map<ConfigKey, Object> given = new EnumMap<>(ConfigKey.class);

    /** Every key (what picocli makes if a command leaves the field empty). */
    ConfigOptions() {
        this(EnumSet.allOf(Group.class));
    }

    private ConfigOptions(Set<Group> groups) {
        this.groups = EnumSet.copyOf(groups);
    }

    /** Options for the keys in these groups. */
    static ConfigOptions of(Group first, Group... rest) {
        return new ConfigOptions(EnumSet.of(first, rest));
    }

    /** Options for every key ({@code train}, {@code cv}). */
    static ConfigOptions all() {
        return new ConfigOptions();
    }

    /**
     * Options for a look at the model at initialization ({@code plan}, {@code diagnose}), on a
     * batch of real data of this size unless the file or {@code --batch} says otherwise.
     */
    static ConfigOptions atInit(int batch) {
        return of(Group.MODEL)
                .byDefault(ConfigKey.BATCH, batch)
                .file(
                        "Experiment file; its"
                                + " model, init (expression or rules), data, seed and batch are used.");
    }

    /** Leaves out these keys' options (the command declares its own). */
    ConfigOptions except(ConfigKey... keys) {
        except.addAll(List.of(keys));
        return this;
    }

    /** The help text of the experiment file parameter (default: the list of keys). */
    ConfigOptions file(String description) {
        fileDescription = description;
        return this;
    }

    /** Another help text for a key whose meaning differs in this command. */
    ConfigOptions describe(ConfigKey key, String description) {
        descriptions.put(key, description);
        return this;
    }

    /**
     * This command's own default for a key, used when neither the file nor an option gives it (and
     * shown in the option's help).
     */
    ConfigOptions byDefault(ConfigKey key, Object value) {
        defaults.put(key, value);
        return this;
    }

    /** The keys this command has an option for, in table order. */
    List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        for (ConfigKey k : ConfigKey.in(groups)) {
            if (k.option() != null && !except.contains(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    /** The experiment file, or null. */
    Path file() {
        return file;
    }

    /** The value of a key's option, or null when it was not given. */
    Object given(ConfigKey key) {
        return given.get(key);
    }

    /** Whether an experiment file or any option other than those named was given. */
    boolean anyGivenExcept(ConfigKey... keys) {
        Map<ConfigKey, Object> o = new EnumMap<>(given);
        for (ConfigKey k : keys) {
            o.remove(k);
        }
        return file != null || o.values().stream().anyMatch(Objects::nonNull);
    }

    /**
     * The file's keys unchecked (a comparison's {@code variants} included), with this command's
     * defaults where the file gives none; empty without a file.
     */
    Map<String, Object> fileValues() {
        Map<String, Object> values =
                file == null ? new LinkedHashMap<>() : Experiment.readYaml(file);
        addDefaults(values);
        return values;
    }

    /**
     * The options given, by YAML key, every key of this command present (null: not given); a folder
     * as the text of the path picocli made of it.
     */
    Map<String, Object> overrides() {
        Map<String, Object> o = new LinkedHashMap<>();
        for (ConfigKey k : keys()) {
            Object v = given.get(k);
            o.put(k.key(), v instanceof Path p ? p.toString() : v);
        }
        return o;
    }

    /** The experiment file (if given), this command's defaults under it, the options over it. */
    Experiment experiment() {
        Experiment base = file == null ? new Experiment(Map.of()) : Experiment.fromYaml(file);
        Map<String, Object> values = new LinkedHashMap<>(base.values());
        addDefaults(values);
        return new Experiment(values).overriddenBy(overrides());
    }

    private void addDefaults(Map<String, Object> values) {
        defaults.forEach(
                (k, v) -> {
                    if (values.get(k.key()) == null) {
                        values.put(k.key(), v);
                    }
                });
    }

    private String fileDescription() {
        return fileDescription != null
                ? fileDescription
                : "Experiment file (keys: " + String.join(", ", ConfigKey.keys()) + ").";
    }

    private String description(ConfigKey k) {
        if (descriptions.containsKey(k)) {
            return descriptions.get(k);
        }
        return defaults.containsKey(k)
                ? k.description(String.valueOf(defaults.get(k)))
                : k.description();
    }

    /** Adds the file parameter and the options to the command that mixes this in. */
    void addTo(CommandSpec command) {
        command.addPositional(
                PositionalParamSpec.builder()
                        .index("0")
                        .arity("0..1")
                        .paramLabel("EXPERIMENT.yaml")
                        .type(Path.class)
                        .description(fileDescription())
                        .setter(
                                new ISetter() {
                                    @Override
                                    public <T> T set(T value) {
                                        file = (Path) value;
                                        return null;
                                    }
                                })
                        .getter(
                                new IGetter() {
                                    @Override
                                    @SuppressWarnings({
                                        "unchecked",
                                        "TypeParameterUnusedInFormals"
                                    }) // picocli's signature
                                    public <T> T get() {
                                        return (T) file;
                                    }
                                })
                        .build());
        for (ConfigKey k : keys()) {
            OptionSpec.Builder o =
                    OptionSpec.builder(k.option())
                            .description(description(k))
                            .type(
                                    switch (k.kind()) {
                                        case INTEGER -> Integer.class;
                                        case NUMBER -> Double.class;
                                        case BOOLEAN -> Boolean.class;
                                        case PATH -> Path.class;
                                        case EXPRESSION, CHOICE, DURATION -> String.class;
                                    })
                            .setter(
                                    new ISetter() {
                                        @Override
                                        public <T> T set(T value) {
                                            given.put(k, value);
                                            return null;
                                        }
                                    })
                            .getter(
                                    new IGetter() {
                                        @Override
                                        @SuppressWarnings({
                                            "unchecked",
                                            "TypeParameterUnusedInFormals"
                                        }) // picocli's
                                        public <T> T get() {
                                            return (T) given.get(k);
                                        }
                                    });
            if (k.kind() == ConfigKey.Kind.BOOLEAN) {
                o.negatable(true);
            } else {
                o.paramLabel(k.label());
            }
            command.addOption(o.build());
        }
    }

    /** Picocli's hook: adds each {@link ConfigOptions} mixin's options to its command. */
    static final class Install implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (CommandSpec mixin : command.mixins().values()) {
                if (mixin.userObject() instanceof ConfigOptions options) {
                    options.addTo(command);
                }
            }
            return command;
        }
    }
}
