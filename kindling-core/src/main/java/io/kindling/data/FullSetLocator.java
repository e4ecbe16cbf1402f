package io.kindling.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a folder holding the full Fashion-MNIST IDX files. Tried in order: the folder the user
 * named, the environment variable, the folder Debian's package lists (the file {@code dpkg -L}
 * reads), and the Debian default folder.
 *
 * <p>A folder the user named (option or environment variable) must hold the files: silently falling
 * back to another copy, or to the subset, would train on data the user did not ask for. The two
 * Debian places are only looked at.
 *
 * @param override the folder named by an option, or null
 * @param envDir the environment variable's value, or null
 * @param dpkgList Debian's file list for {@code dataset-fashion-mnist}
 * @param fallback the folder Debian installs to
 */
record FullSetLocator(Path override, String envDir, Path dpkgList, Path fallback) {

    /** The file whose folder is the dataset's, as listed by dpkg. */
    static final String ANCHOR = "train-images-idx3-ubyte.gz";

    /** The four files, without the optional {@code .gz}. */
    static final List<String> FILES =
            List.of(
                    "train-images-idx3-ubyte",
                    "train-labels-idx1-ubyte",
                    "t10k-images-idx3-ubyte",
                    "t10k-labels-idx1-ubyte");

    /** The locator for this machine: Debian's paths and the real environment. */
    static FullSetLocator system(Path override) {
        return new FullSetLocator(
                override,
                System.getenv(FashionMnist.DIR_ENV),
                Path.of("/var/lib/dpkg/info/dataset-fashion-mnist.list"),
                Path.of("/usr/share/datasets/fashion-mnist"));
    }

    /**
     * The folder of the full set, if there is one.
     *
     * @throws DataException if a folder the user named lacks any of the files
     */
    Optional<Path> find() {
        if (override != null) {
            return Optional.of(requireComplete(override, "the dir option"));
        }
        if (envDir != null && !envDir.isBlank()) {
            return Optional.of(requireComplete(Path.of(envDir), FashionMnist.DIR_ENV));
        }
        return fromDpkgList()
                .filter(FullSetLocator::isComplete)
                .or(() -> Optional.of(fallback).filter(FullSetLocator::isComplete));
    }

    /** The places {@link #find} looks at when the user names none, for messages. */
    List<String> searched() {
        List<String> where = new ArrayList<>();
        where.add(dpkgList.toString());
        fromDpkgList().ifPresent(dir -> where.add(dir.toString()));
        where.add(fallback.toString());
        return where.stream().distinct().toList();
    }

    /** The file for {@code name} in {@code dir}: gzipped if present, else raw. */
    static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return Files.exists(gz) || !Files.exists(dir.resolve(name)) ? gz : dir.resolve(name);
    }

    private Optional<Path> fromDpkgList() {
        if (!Files.isReadable(dpkgList)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(dpkgList)) {
            return lines.map(String::strip)
                    .filter(line -> line.endsWith("/" + ANCHOR))
                    .map(line -> Path.of(line).getParent())
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            // An unreadable list only means this place yields nothing; others are still tried.
            return Optional.empty();
        }
    }

    private static boolean isComplete(Path dir) {
        return FILES.stream().allMatch(name -> Files.isRegularFile(file(dir, name)));
    }

    private static Path requireComplete(Path dir, String origin) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(
                    "Fashion-MNIST folder "
                            + dir.toAbsolutePath()
                            + " (from "
                            + origin
                            + ") does not exist or is not a folder");
        }
        List<String> missing =
                FILES.stream()
                        .filter(name -> !Files.isRegularFile(file(dir, name)))
                        .map(name -> name + ".gz")
                        .toList();
        if (!missing.isEmpty()) {
            throw new DataException(
                    "Fashion-MNIST folder "
                            + dir.toAbsolutePath()
                            + " (from "
                            + origin
                            + ") lacks "
                            + String.join(", ", missing));
        }
        return dir;
    }
}
