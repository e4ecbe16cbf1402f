package io.kindling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kindling.config.Registry;
import io.kindling.data.Augmentations;
import io.kindling.data.Datasets;
import io.kindling.init.Initializers;
import io.kindling.nn.Activations;
import io.kindling.nn.Models;
import io.kindling.optim.Optimizers;
import io.kindling.schedule.Schedules;
import io.kindling.train.Callbacks;
import io.kindling.tune.Samplers;
import io.kindling.tune.TestFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documentation (README.md and docs/*.md) keeps up with the code: every registered name and
 * every command-line option is documented, and every relative link and anchor resolves.
 */
class DocsTest {

    /** Every registry a user can name things from, by what it builds. */
    private static final List<Registry<?>> REGISTRIES =
            List.of(
                    Initializers.REGISTRY,
                    Optimizers.REGISTRY,
                    Schedules.REGISTRY,
                    Models.REGISTRY,
                    Activations.REGISTRY,
                    Datasets.REGISTRY,
                    Augmentations.REGISTRY,
                    TestFunction.REGISTRY,
                    Samplers.SAMPLERS,
                    Samplers.PRUNERS,
                    Callbacks.PLATEAU,
                    Callbacks.EARLY_STOPPING);

    /** picocli's standard options, documented once for all commands. */
    private static final Set<String> STANDARD = Set.of("--help", "--version", "-h", "-V");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");

    private static Path root;

    /** Page (relative to the repository root, with '/') → its text. */
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    private static String allText;

    @BeforeAll
    static void readPages() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "README.md above " + Path.of("").toAbsolutePath());
        root = dir;
        PAGES.put("README.md", Files.readString(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .forEach(p -> PAGES.put("docs/" + p.getFileName(), read(p)));
        }
        allText = String.join("\n", PAGES.values());
    }

    @Test
    void everyRegisteredNameIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (Registry<?> registry : REGISTRIES) {
            for (String name : registry.names()) {
                if (!allText.contains("`" + name + "`") && !allText.contains("`" + name + "(")) {
                    missing.add(registry.kind() + " " + name);
                }
            }
        }
        assertEquals(List.of(), missing, "registered names that no page of the docs mentions");
    }

    @Test
    void everyOptionOfEveryCommandIsDocumented() {
        List<String> missing = new ArrayList<>();
        CommandLine kindling = new CommandLine(new Kindling());
        assertFalse(kindling.getSubcommands().isEmpty());
        collectMissingOptions(kindling, "kindling", missing);
        assertEquals(List.of(), missing, "options that no page of the docs names as `--option");
    }

    private static void collectMissingOptions(
            CommandLine command, String path, List<String> missing) {
        for (OptionSpec option : command.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.hidden() || STANDARD.contains(name)) {
                continue;
            }
            if (!documented(name, option.negatable())) {
                missing.add(path + " " + name);
            }
        }
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().name().equals(sub.getKey())) {
                collectMissingOptions(sub.getValue(), path + " " + sub.getKey(), missing);
            }
        }
    }

    private static boolean documented(String name, boolean negatable) {
        List<String> forms = new ArrayList<>(List.of(name));
        if (negatable && name.startsWith("--")) {
            forms.add("--[no-]" + name.substring(2));
        }
        for (String form : forms) {
            if (Pattern.compile("`" + Pattern.quote(form) + "(?![\\w-])").matcher(allText).find()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        Map<String, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            String from = page.getKey();
            for (String target : links(page.getValue())) {
                if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path base = Path.of(from).getParent();
                String resolved =
                        file.isEmpty()
                                ? from
                                : (base == null ? Path.of(file) : base.resolve(file))
                                        .normalize()
                                        .toString()
                                        .replace('\\', '/');
                Path onDisk = root.resolve(resolved);
                if (!Files.exists(onDisk)) {
                    broken.add(from + ": " + target + " (no file " + resolved + ")");
                    continue;
                }
                if (anchor != null) {
                    Set<String> known =
                            anchors.computeIfAbsent(resolved, f -> headingAnchors(read(onDisk)));
                    if (!known.contains(anchor)) {
                        broken.add(from + ": " + target + " (no heading #" + anchor + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), broken, "links that do not resolve");
    }

    /** The GitHub anchor of a heading: lower case, punctuation but '-' and '_' dropped. */
    static String slug(String heading) {
        return heading.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc}\\- ]", "")
                .replace(' ', '-');
    }

    @Test
    void slugsFollowGitHub() {
        assertEquals(
                "kindling-tune-experimentyaml----objective-expr-options",
                slug("`kindling tune [EXPERIMENT.yaml | --objective EXPR] [options]`"));
        assertEquals("determinism-what-is-promised", slug("Determinism: what is promised"));
        assertEquals(
                "compute-djl-on-pytorch--we-write-no-tensor-kernels",
                slug("Compute: DJL on PyTorch — we write no tensor kernels"));
    }

    /** The anchors of a page's headings, outside fenced code; repeats get -1, -2, … */
    private static Set<String> headingAnchors(String text) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideCode(text)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String s = slug(m.group(1));
                int n = seen.merge(s, 1, Integer::sum);
                anchors.add(n == 1 ? s : s + "-" + (n - 1));
            }
        }
        return anchors;
    }

    private static List<String> links(String text) {
        List<String> targets = new ArrayList<>();
        for (String line : outsideCode(text)) {
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    private static List<String> outsideCode(String text) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
