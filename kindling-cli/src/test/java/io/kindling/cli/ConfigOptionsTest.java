package io.kindling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kindling.train.ConfigKey;
import io.kindling.train.ConfigKey.Group;
import io.kindling.train.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands' options come from {@link ConfigKey}'s table: each command has an option for every
 * key of the groups it takes and no other, besides the options that are its own; each option puts
 * its value under its key.
 */
class ConfigOptionsTest {

    /** A command: the groups of keys it takes, keys it declares itself, its own options. */
    record Takes(String command, Set<Group> groups, Set<ConfigKey> except, Set<String> own) {}

    static final List<Takes> COMMANDS =
            List.of(
                    new Takes("train", EnumSet.allOf(Group.class), Set.of(), Set.of("--resume")),
                    new Takes("cv", EnumSet.allOf(Group.class), Set.of(), Set.of("--folds")),
                    new Takes(
                            "compare",
                            EnumSet.of(Group.MODEL, Group.RUN),
                            Set.of(ConfigKey.INIT),
                            Set.of("--init", "--seeds", "--parallel")),
                    new Takes("plan", EnumSet.of(Group.MODEL), Set.of(), Set.of("--json")),
                    new Takes("diagnose", EnumSet.of(Group.MODEL), Set.of(), Set.of("--json")));

    static final Set<String> STANDARD = Set.of("--help", "--version", "--debug");

    /** A command line for every key that has an option. A new key needs a line here. */
    static final Map<ConfigKey, List<String>> SAMPLES =
            new EnumMap<>(
                    Map.ofEntries(
                            Map.entry(
                                    ConfigKey.MODEL, List.of("--model", "mlp(depth=2, width=16)")),
                            Map.entry(ConfigKey.INIT, List.of("--init", "xavier_normal")),
                            Map.entry(
                                    ConfigKey.OPTIMIZER, List.of("--optimizer", "adamw(lr=0.001)")),
                            Map.entry(
                                    ConfigKey.SCHEDULE,
                                    List.of(
                                            "--schedule",
                                            "warmup_cosine(warmup_steps=10, total_steps=100)")),
                            Map.entry(
                                    ConfigKey.ON_PLATEAU,
                                    List.of("--on-plateau", "reduce_on_plateau(factor=0.5)")),
                            Map.entry(
                                    ConfigKey.EARLY_STOPPING,
                                    List.of("--early-stopping", "early_stopping(patience=2)")),
                            Map.entry(
                                    ConfigKey.DATA,
                                    List.of("--data", "fashion-mnist(source=subset)")),
                            Map.entry(ConfigKey.EPOCHS, List.of("--epochs", "3")),
                            Map.entry(ConfigKey.STEPS, List.of("--steps", "20")),
                            Map.entry(ConfigKey.BATCH, List.of("--batch", "32")),
                            Map.entry(ConfigKey.SEED, List.of("--seed", "7")),
                            Map.entry(ConfigKey.OUT, List.of("--out", "runs/elsewhere")),
                            Map.entry(
                                    ConfigKey.THREADS,
                                    List.of(
                                            "--threads",
                                            String.valueOf(
                                                    Runtime.getRuntime().availableProcessors()
                                                            + 1))),
                            Map.entry(ConfigKey.INTEROP_THREADS, List.of("--interop-threads", "2")),
                            Map.entry(ConfigKey.LOG_EVERY, List.of("--log-every", "5")),
                            Map.entry(ConfigKey.ACCUMULATE, List.of("--accumulate", "4")),
                            Map.entry(
                                    ConfigKey.LABEL_SMOOTHING, List.of("--label-smoothing", "0.1")),
                            Map.entry(
                                    ConfigKey.NAN_POLICY,
                                    List.of(
                                            "--nan-policy",
                                            "rollback",
                                            "--checkpoint-every",
                                            "10")),
                            Map.entry(ConfigKey.STANDARDIZE, List.of("--standardize")),
                            Map.entry(ConfigKey.VALIDATION, List.of("--validation", "0.2")),
                            Map.entry(ConfigKey.MONITOR_TEST, List.of("--monitor-test")),
                            Map.entry(
                                    ConfigKey.CHECKPOINT_EVERY,
                                    List.of("--checkpoint-every", "50")),
                            Map.entry(ConfigKey.KEEP_LAST, List.of("--keep-last", "2")),
                            Map.entry(ConfigKey.KEEP_BEST, List.of("--keep-best")),
                            Map.entry(ConfigKey.TIME_LIMIT, List.of("--time-limit", "1h30m")),
                            Map.entry(
                                    ConfigKey.HISTOGRAM_EVERY, List.of("--histogram-every", "10")),
                            Map.entry(ConfigKey.EVAL_EVERY, List.of("--eval-every", "10")),
                            Map.entry(
                                    ConfigKey.AUGMENT,
                                    List.of("--augment", "augment(pad=2, flip=0.5)"))));

    @TempDir Path tmp;

    @Test
    void everyCommandHasTheOptionsOfItsKeysAndNoOthers() {
        CommandLine kindling = new CommandLine(new Kindling());
        for (Takes t : COMMANDS) {
            CommandSpec spec = kindling.getSubcommands().get(t.command()).getCommandSpec();
            Set<String> expected = new TreeSet<>(t.own());
            expected.addAll(STANDARD);
            for (ConfigKey k : ConfigKey.in(t.groups())) {
                if (k.option() != null && !t.except().contains(k)) {
                    expected.add(k.option());
                }
            }
            Set<String> actual =
                    spec.options().stream()
                            .map(OptionSpec::longestName)
                            .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, actual, t.command());
            for (OptionSpec o : spec.options()) {
                String text = String.join(" ", o.description());
                assertFalse(text.isBlank(), t.command() + " " + o.longestName());
                assertFalse(text.contains("{default}"), t.command() + " " + o.longestName());
            }
            assertEquals(1, spec.positionalParameters().size(), t.command());
            assertEquals("EXPERIMENT.yaml", spec.positionalParameters().get(0).paramLabel());
        }
    }

    /** The lists users know, pinned: a key added to a group changes them on purpose only. */
    @Test
    void compareAndTheLooksAtInitKeepTheirOptions() {
        CommandLine kindling = new CommandLine(new Kindling());
        assertEquals(
                Set.of(
                        "--batch",
                        "--data",
                        "--epochs",
                        "--init",
                        "--model",
                        "--optimizer",
                        "--out",
                        "--parallel",
                        "--schedule",
                        "--seed",
                        "--seeds",
                        "--steps",
                        "--threads"),
                ownAndTableOptions(kindling, "compare"));
        for (String command : List.of("plan", "diagnose")) {
            assertEquals(
                    Set.of("--batch", "--data", "--init", "--json", "--model", "--seed"),
                    ownAndTableOptions(kindling, command),
                    command);
        }
    }

    @Test
    void everyOptionPutsItsValueUnderItsKey() {
        Map<String, Object> defaults = new Experiment(Map.of()).resolve().describe();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.option() == null) {
                assertFalse(SAMPLES.containsKey(k), k.key() + " has no option");
                continue;
            }
            List<String> args = SAMPLES.get(k);
            assertNotNull(
                    args, "add a command line for " + k.key() + " to ConfigOptionsTest.SAMPLES");
            TrainCommand train = parse(new TrainCommand(), args);
            Object value = train.options.overrides().get(k.key());
            Object expected =
                    switch (k.kind()) {
                        case BOOLEAN -> true;
                        case INTEGER -> Integer.valueOf(args.get(1));
                        case NUMBER -> Double.valueOf(args.get(1));
                        default -> args.get(1);
                    };
            assertEquals(expected, value, k.key());
            Object given = train.options.given(k);
            assertEquals(
                    value,
                    k.kind() == ConfigKey.Kind.PATH ? given.toString() : given,
                    k.key()); // a folder is given as a path and overrides the file as its text
            Map<String, Object> config = train.options.experiment().resolve().describe();
            if (k.recorded()) {
                assertNotEquals(defaults.get(k.key()), config.get(k.key()), k.key());
            }
        }
    }

    @Test
    void optionsOverTheFileAndNegatedSwitches() throws Exception {
        Path file = tmp.resolve("e.yaml");
        Files.writeString(file, "keep_best: true\nstandardize: true\nbatch: 64\nseed: 2\n");
        TrainCommand train =
                parse(
                        new TrainCommand(),
                        List.of(file.toString(), "--no-keep-best", "--seed", "5"));
        Map<String, Object> config = train.options.experiment().resolve().describe();
        assertEquals(false, config.get("keep_best"));
        assertEquals(true, config.get("standardize"));
        assertEquals(64, config.get("batch"));
        assertEquals(5L, config.get("seed"));
        assertEquals(file, train.options.file());
        assertTrue(train.options.anyGivenExcept(ConfigKey.TIME_LIMIT));
        TrainCommand limitOnly = parse(new TrainCommand(), List.of("--time-limit", "5m"));
        assertFalse(limitOnly.options.anyGivenExcept(ConfigKey.TIME_LIMIT));
        assertTrue(limitOnly.options.anyGivenExcept());
    }

    @Test
    void commandDefaultsGoUnderTheFileAndTheOptions() throws Exception {
        DiagnoseCommand diagnose = parse(new DiagnoseCommand(), List.of());
        assertEquals(256, diagnose.options.experiment().resolve().extent().batchSize());
        assertEquals(
                128,
                parse(new PlanCommand(), List.of())
                        .options
                        .experiment()
                        .resolve()
                        .extent()
                        .batchSize());
        Path file = tmp.resolve("b.yaml");
        Files.writeString(file, "batch: 64\nlog_every: 7\n");
        assertEquals(
                64,
                parse(new DiagnoseCommand(), List.of(file.toString()))
                        .options
                        .experiment()
                        .resolve()
                        .extent()
                        .batchSize());
        assertEquals(
                8,
                parse(new DiagnoseCommand(), List.of(file.toString(), "--batch", "8"))
                        .options
                        .experiment()
                        .resolve()
                        .extent()
                        .batchSize());

        CompareCommand compare = parse(new CompareCommand(), List.of("--steps", "3"));
        assertEquals(10, compare.options.fileValues().get("log_every"));
        assertNull(compare.options.overrides().get("init"), "compare's --init is its own");
        assertFalse(compare.options.overrides().containsKey("init"));
        assertEquals(
                7,
                parse(new CompareCommand(), List.of(file.toString()))
                        .options
                        .fileValues()
                        .get("log_every"));
    }

    @Test
    void helpTextsComeFromTheTable() {
        CommandLine kindling = new CommandLine(new Kindling());
        CommandSpec train = kindling.getSubcommands().get("train").getCommandSpec();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.option() != null) {
                assertEquals(
                        k.description(),
                        String.join(" ", train.findOption(k.option()).description()),
                        k.key());
            }
        }
        String help = kindling.getSubcommands().get("diagnose").getUsageMessage();
        assertTrue(help.contains("Batch size (default 256)."), help);
        String usage = kindling.getSubcommands().get("train").getUsageMessage();
        assertTrue(usage.contains("Experiment file (keys: " + ConfigKey.MODEL.key()), usage);
    }

    /** The command reference's train table and key list name every option and key. */
    @Test
    void commandReferenceListsEveryOptionAndKey() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "README.md above " + Path.of("").toAbsolutePath());
        String reference = Files.readString(dir.resolve("docs/cli.md"));
        int from = reference.indexOf("\n## `kindling train");
        assertTrue(from >= 0, "docs/cli.md has no kindling train section");
        String train = reference.substring(from, reference.indexOf("\n## ", from + 1));
        List<String> missing = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            if (k.option() != null
                    && !train.contains(
                            "`"
                                    + (k.kind() == ConfigKey.Kind.BOOLEAN
                                            ? k.option().replace("--", "--[no-]")
                                            : k.option()))) {
                missing.add(k.option());
            }
            if (!train.contains("`" + k.key() + "`")) {
                missing.add(k.key());
            }
        }
        assertEquals(List.of(), missing, "docs/cli.md's kindling train section");
    }

    private static Set<String> ownAndTableOptions(CommandLine kindling, String command) {
        Set<String> names =
                kindling.getSubcommands().get(command).getCommandSpec().options().stream()
                        .map(OptionSpec::longestName)
                        .collect(Collectors.toCollection(TreeSet::new));
        names.removeAll(STANDARD);
        return names;
    }

    private static <T> T parse(T command, List<String> args) {
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command;
    }
}
